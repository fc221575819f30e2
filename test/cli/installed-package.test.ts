/**
 * The `amdahl-pages` package as a team installs it: `npm run pack:cli`, the
 * tarball installed into empty folders, nothing of this repository on the
 * path. One folder serves the local platform (`platform serve`, from the
 * installed package); a throwaway pages repository (git, a bare remote as
 * origin) runs docs/ci/pages.yml's own `run:` steps, read out of the YAML, as
 * GitHub Actions would: the check job on a pull request, then the push job on
 * a fresh checkout after the merge.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KEY = 'amdhl_local_dev';
const FORBIDDEN = ['next', 'monaco-editor', 'recharts'];

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

/** The environment of a user's shell: none of this repository's npm run context. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The registry is reachable, but the packages the tarball needs are in the cache `npm ci` filled.
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^(npm_(?!config_prefer_offline|config_update_notifier)|INIT_CWD|VITEST|AMDAHL_|API_KEY$|NODE_OPTIONS$|NODE_ENV$)/i.test(k)) delete env[k];
  return Object.assign(env, extra);
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv = userEnv()): Ran {
  const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function packagesIn(nodeModules: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.bin') continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of readdirSync(path.join(dir, entry.name))) {
          found.push(`${entry.name}/${scoped}`);
          walk(path.join(dir, entry.name, scoped, 'node_modules'));
        }
      } else {
        found.push(entry.name);
        walk(path.join(dir, entry.name, 'node_modules'));
      }
    }
  };
  walk(nodeModules);
  return found;
}

let work: string;
let tarball: string;
let serve: ChildProcess | undefined;
let platformUrl: string;
const workflow = parseYaml(readFileSync(path.join(ROOT, 'docs', 'ci', 'pages.yml'), 'utf8')) as Workflow;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'amdahl-installed-'));
  const packed = spawnSync('npm', ['run', '--silent', 'pack:cli'], { cwd: ROOT, encoding: 'utf8' });
  expect(packed.status, packed.stderr).toBe(0);
  const out = path.join(ROOT, 'build', 'cli-pack');
  const tarballs = readdirSync(out);
  expect(tarballs).toHaveLength(1);
  tarball = path.join(out, tarballs[0]!);

  // A developer's machine: the package installed into an empty folder serves the local platform.
  const tools = path.join(work, 'tools');
  mkdirSync(tools);
  const installed = sh(`npm install --no-audit --no-fund ${JSON.stringify(tarball)}`, tools);
  expect(installed.code, installed.stderr).toBe(0);
  // Its own process group: npx runs the bin in a child, and stopping must reach both.
  serve = spawn('npx', ['amdahl-pages', 'platform', 'serve', '--port', '0', '--dir', path.join(work, 'platform')], { cwd: tools, env: userEnv(), detached: true });
  platformUrl = await new Promise<string>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`platform serve printed no URL:\n${said}`)), 150_000);
    serve!.stdout!.on('data', (d) => {
      said += d;
      const m = /AMDAHL_URL=(\S+)/.exec(said);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    serve!.stderr!.on('data', (d) => (said += d));
    serve!.once('exit', (code) => reject(new Error(`platform serve exited ${code}:\n${said}`)));
  });
}, 300_000);

afterAll(async () => {
  if (serve?.pid && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    process.kill(-serve.pid, 'SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the packed amdahl-pages, installed into an empty folder', () => {
  it('installs the CLI alone: no Next, Monaco or recharts anywhere in node_modules', () => {
    const installed = packagesIn(path.join(work, 'tools', 'node_modules'));
    expect(installed).toContain('amdahl-pages');
    for (const name of FORBIDDEN) expect(installed, name).not.toContain(name);
    expect(existsSync(path.join(work, 'tools', 'node_modules', 'amdahl-pages', 'schema', 'page.schema.json'))).toBe(true);
  });

  it('validates: exit 0 on a good page, 1 on a bad one with file:line:col', () => {
    const folder = path.join(work, 'validate-only');
    mkdirSync(path.join(folder, 'pages'), { recursive: true });
    sh(`npm install --no-audit --no-fund ${JSON.stringify(tarball)}`, folder);
    const good = { name: 'Good', tags: [], declared_queries: [{ name: 'n', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions' }], spec: { version: 1, root: { type: 'Stat', props: { label: 'Interactions', value: { $value: { query: 'n', field: 'n' } } } } } };
    writeFileSync(path.join(folder, 'pages', 'good.page.json'), `${JSON.stringify(good, null, 2)}\n`);
    const ok = sh('npx amdahl-pages validate pages', folder);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    const bad = { ...good, spec: { version: 1, root: { type: 'Stat', props: { label: 'Interactions', value: { $value: { query: 'm', field: 'n' } } } } } };
    writeFileSync(path.join(folder, 'pages', 'bad.page.json'), `${JSON.stringify(bad, null, 2)}\n`);
    const failed = sh('npx amdahl-pages validate pages --format github', folder);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^::error file=pages\/bad\.page\.json,line=\d+,col=\d+,.*title=unbound-query::/m);
    const pretty = sh('npx amdahl-pages validate pages', folder);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/pages\/bad\.page\.json:\d+:\d+/);
  });

  it('runs docs/ci/pages.yml in a throwaway pages repository: the check job on a pull request, the push job after the merge', async () => {
    const remote = path.join(work, 'remote.git');
    const repo = path.join(work, 'pages-repo');
    mkdirSync(repo);
    const git = (script: string, cwd = repo) => {
      const r = sh(`git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main ${script}`, cwd);
      expect(r.code, `${script}\n${r.stderr}`).toBe(0);
      return r.stdout;
    };
    sh(`git init -q --bare -b main ${JSON.stringify(remote)}`, work);
    git('init -q -b main');
    git(`remote add origin ${JSON.stringify(remote)}`);
    const env = userEnv({ AMDAHL_URL: platformUrl, API_KEY: KEY, AMDAHL_PAGES_PACKAGE: tarball });

    // The repository's first commit: its pages pulled from the platform and their results recorded.
    const install = workflow.jobs.check!.steps.find((s) => s.name === 'Install amdahl-pages')!.run!;
    expect(sh(install, repo, env).code).toBe(0);
    const pulled = sh('npx amdahl-pages pull && npx amdahl-pages test --record', repo, env);
    expect(pulled.code, pulled.stdout + pulled.stderr).toBe(0);
    const files = readdirSync(path.join(repo, 'pages')).filter((f) => f.endsWith('.page.json'));
    expect(files.sort()).toEqual(['channel-health.page.json', 'weekly-sentiment.page.json']);
    // Each file names the schema the installed package ships, as an editor resolves it: beside the file.
    for (const name of files) {
      const file = path.join(repo, 'pages', name);
      const text = readFileSync(file, 'utf8');
      expect(Object.keys(JSON.parse(text) as object)[0]).toBe('$schema');
      const schemaPath = path.resolve(path.dirname(file), (JSON.parse(text) as { $schema: string }).$schema);
      expect(schemaPath).toBe(path.join(repo, 'node_modules', 'amdahl-pages', 'schema', 'page.schema.json'));
      const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
      const misspelt = JSON.parse(text) as { spec: { root: { props?: Record<string, unknown> } } };
      misspelt.spec.root.props = { ...misspelt.spec.root.props, titel: 'A misspelt prop' };
      expect(validate(misspelt)).toBe(false);
      expect(JSON.stringify(validate.errors)).toContain('titel');
    }
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\namdahl-pages.sarif\n');
    git('add -A && git -c user.name=t -c user.email=t@example.com commit -qm "pages" && git push -q origin main');

    // A pull request: a page's title changes.
    const file = path.join(repo, 'pages', 'channel-health.page.json');
    const page = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
    writeFileSync(file, readFileSync(file, 'utf8').replace(JSON.stringify(page.name), '"Channel health (reviewed)"'));
    git('commit -qam "rename"');

    const summary = path.join(work, 'summary.md');
    const runJob = (job: string, cwd: string) => {
      const steps = workflow.jobs[job]!.steps;
      expect(steps.filter((s) => s.uses === 'actions/checkout@v4')).toHaveLength(1);
      for (const step of steps.filter((s) => s.run)) {
        const r = sh(step.run!, cwd, { ...env, GITHUB_STEP_SUMMARY: summary });
        expect(r.code, `${job}: ${step.name ?? step.run}\n${r.stdout}\n${r.stderr}`).toBe(0);
      }
    };
    runJob('check', repo);
    const sarif = JSON.parse(readFileSync(path.join(repo, 'amdahl-pages.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    const said = readFileSync(summary, 'utf8');
    expect(said).toContain('### Pages: what push would change');
    expect(said).toContain('Channel health (reviewed)');

    // The merge: main moves on the remote, and the push job starts from a fresh checkout of it.
    git('push -q origin main');
    const checkout = path.join(work, 'push-checkout');
    sh(`git clone -q ${JSON.stringify(remote)} ${JSON.stringify(checkout)}`, work);
    runJob('push', checkout);
    const onPlatform = await fetch(`${platformUrl}/api/platform/v1/pages`, { headers: { authorization: `Bearer ${KEY}` } });
    const names = ((await onPlatform.json()) as { items: { name: string; version: number }[] }).items.map((p) => `${p.name} v${p.version}`);
    expect(names).toContain('Channel health (reviewed) v2');
    // push wrote the new version back; the job committed it and pushed it to the remote.
    const log = sh(`git --git-dir=${JSON.stringify(remote)} log --format=%s -1 main`, work).stdout.trim();
    expect(log).toBe('pages: ids and versions after push [skip ci]');
    const pushed = sh(`git --git-dir=${JSON.stringify(remote)} show main:pages/channel-health.page.json`, work).stdout;
    expect((JSON.parse(pushed) as { version: number }).version).toBe(2);
  });
});
