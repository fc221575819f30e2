/**
 * The `amdahl-pages` package as a CI job gets it, measured in one run:
 * - the tarball from `npm run pack:cli`, installed into empty folders: install
 *   time (from the npm cache `npm ci` filled) and installed size, against this
 *   repository's node_modules (target: at most a quarter; none of next,
 *   monaco-editor or recharts);
 * - `validate` of one file, cold process start to exit, against `node -e 0`
 *   (target: at most 300 ms), each the median of alternating runs;
 * - `validate` of the 1,000 generated dashboards by the installed package.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const FORBIDDEN = ['next', 'monaco-editor', 'recharts'];

function bytesOf(dir: string): number {
  const out = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return Number(out.stdout.split('\t')[0]);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (r.status !== 0 && !(args.includes('validate') && r.status === 1)) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** The environment of a user's shell, outside this repository's `npm run`. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
  for (const k of Object.keys(env)) if (/^(npm_(?!config_prefer_offline|config_update_notifier)|INIT_CWD$)/i.test(k)) delete env[k];
  return env;
}

export async function benchCliPackage(dashboards: string): Promise<void> {
  const packed = spawnSync(process.execPath, [path.join(ROOT, 'packages', 'cli', 'scripts', 'pack.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(packed.stderr);
  const outDir = path.join(ROOT, 'build', 'cli-pack');
  const tarball = path.join(outDir, readdirSync(outDir)[0]!);
  const work = mkdtempSync(path.join(os.tmpdir(), 'amdahl-bench-pkg-'));
  try {
    const installs: number[] = [];
    let folder = '';
    for (let i = 0; i < 3; i++) {
      folder = path.join(work, `install-${i}`);
      mkdirSync(folder);
      installs.push(timed('npm', ['install', '--no-audit', '--no-fund', tarball], folder, userEnv()));
    }
    const installed = bytesOf(path.join(folder, 'node_modules'));
    const repo = bytesOf(path.join(ROOT, 'node_modules'));
    const present = FORBIDDEN.filter((name) => existsSync(path.join(folder, 'node_modules', name)));
    console.log('\nThe amdahl-pages package, installed into an empty folder:');
    console.log(`  tarball ${(bytesOf(tarball) / 1024).toFixed(0)} KB; npm install (npm cache warm) median of 3: ${median(installs).toFixed(0)} ms`);
    console.log(`  installed node_modules ${mb(installed)} against this repository's ${mb(repo)}: ratio ${(installed / repo).toFixed(3)} (target <= 0.25: ${installed <= repo / 4 ? 'met' : 'NOT met'})`);
    console.log(`  next, monaco-editor, recharts installed: ${present.length ? present.join(', ') : 'none'}`);

    const page = path.join(folder, 'one.page.json');
    writeFileSync(page, JSON.stringify({ name: 'One', tags: [], declared_queries: [{ name: 'n', source: 'sql', sql: 'SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel' }], spec: { version: 1, root: { type: 'BarChart', props: { data: { $query: 'n' }, x: 'channel', y: 'n' } } } }));
    const bin = path.join(folder, 'node_modules', 'amdahl-pages', 'bin', 'amdahl-pages.mjs');
    const node0: number[] = [];
    const validate: number[] = [];
    for (let i = 0; i < 15; i++) {
      node0.push(timed(process.execPath, ['-e', '0'], folder));
      validate.push(timed(process.execPath, [bin, 'validate', 'one.page.json'], folder));
    }
    const v = median(validate);
    const n = median(node0);
    console.log(`  validate one file, cold start to exit, median of 15: ${v.toFixed(0)} ms; node -e 0: ${n.toFixed(0)} ms; ratio ${(v / n).toFixed(1)} (target <= 300 ms: ${v <= 300 ? 'met' : 'NOT met'})`);

    const many = timed(process.execPath, [bin, 'validate', '--format', 'json', dashboards], folder);
    console.log(`  validate ${readdirSync(dashboards).length.toLocaleString('en-US')} dashboards with the installed package: ${many.toFixed(0)} ms`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
