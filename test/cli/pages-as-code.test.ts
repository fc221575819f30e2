/**
 * Pages as code against the real local platform over HTTP: validate --online,
 * pull / diff / push round trips with a concurrent edit, snapshot tests over
 * recorded results, and the CI recipe's own commands run as the bin.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createPlatformClient, isPlatformError, type PlatformClient } from '../../lib/platform';
import type { CliIO } from '../../packages/cli/src/io';
import { KEY, pageFiles, pagesWorkspace, readJson, ROOT, type Run } from './cli-harness';
import type { CountingPlatform } from './counting-platform';

/** The commands docs/ci/pages.yml runs; the CI test below runs each of them as the bin. */
export const CI_COMMANDS: readonly (readonly string[])[] = [
  ['validate', 'pages', '--online', '--format', 'github'],
  ['validate', 'pages', '--online', '--format', 'sarif'],
  ['test', '--format', 'github'],
  ['diff', '--format', 'markdown'],
  ['push'],
];

const ws = pagesWorkspace('amdahl-pac-');
const { run, runBin, freshDir } = ws;
let work: string;
let platform: CountingPlatform;
let client: PlatformClient;
beforeAll(() => ({ work, platform, client } = ws));

/** Edits a page file as an author would: parse, change, write back in the canonical layout. */
function editPage(file: string, change: (page: Record<string, any>) => void): void {
  const page = readJson(file);
  change(page);
  writeFileSync(file, `${JSON.stringify(page, null, 2)}\n`);
}

// A chart over `SELECT *` from a subquery: offline, the columns cannot be known.
const ONLINE_PAGE = `{
  "name": "Online checks",
  "declared_queries": [
    {
      "name": "star",
      "sql": "SELECT * FROM (SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel) t"
    },
    {
      "name": "broken",
      "sql": "SELECT chanel FROM interactions"
    }
  ],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "children": [
        { "type": "BarChart", "props": { "data": { "$query": "star" }, "x": "channel", "y": "event" } },
        { "type": "BarChart", "props": { "data": { "$query": "star" }, "x": "events", "y": "channel" } },
        { "type": "Table", "props": { "data": { "$query": "broken" } } }
      ]
    }
  }
}
`;

describe('validate --online', () => {
  it('passes offline, and online names the missing column, the text measure and the failing query at their positions', async () => {
    const dir = freshDir('online');
    writeFileSync(path.join(dir, 'online.json'), ONLINE_PAGE);

    const offline = await run(['validate', 'online.json'], dir);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('0 errors, 0 warnings');

    platform.reset();
    const online = await run(['validate', '--online', 'online.json'], dir);
    expect(online.code).toBe(1);
    const lines = online.stdout.split('\n');
    expect(lines).toContain('online.json:18:93 error unknown-column BarChart.y names "event", which "star" does not return');
    expect(online.stdout).toContain('hint: did you mean "events"?');
    expect(lines).toContain('online.json:19:92 error column-type BarChart.y wants numbers, but "star".channel is text');
    // The platform's own message, placed on the SQL where the platform said.
    expect(lines).toContain('online.json:10:22 error query-failed The platform could not run "broken": column "chanel" does not exist');
    expect(online.stdout).toContain('3 errors, 0 warnings in 1 file');
    expect(platform.count('POST /data/query')).toBe(2);
  });

  it('runs each distinct SQL once for many files, and reports in every format', async () => {
    const dir = freshDir('online-many');
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, `copy-${i}.json`), ONLINE_PAGE.replace('Online checks', `Copy ${i}`));
    platform.reset();
    const json = await run(['validate', '--online', '--format', 'json', '.'], dir);
    expect(json.code).toBe(1);
    const records = JSON.parse(json.stdout) as { file: string; code: string; line: number; column: number }[];
    expect(records).toHaveLength(15);
    expect(records.filter((r) => r.code === 'query-failed').map((r) => r.file).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `copy-${i}.json`));
    expect(platform.count('POST /data/query')).toBe(2);

    const sarif = await run(['validate', '--online', '--format', 'sarif', 'copy-0.json'], dir);
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results.map((r) => r.ruleId).sort()).toEqual(['column-type', 'query-failed', 'unknown-column']);
    const github = await run(['validate', '--online', '--format', 'github', 'copy-0.json'], dir);
    expect(github.stdout).toContain('::error file=copy-0.json,line=19,col=92,endLine=19,endColumn=101,title=column-type::');
  });

  it('a run large enough for worker threads brings every file\'s facts back for the online checks', async () => {
    const dir = freshDir('online-workers');
    for (let i = 0; i < 2100; i++) writeFileSync(path.join(dir, `p${String(i).padStart(4, '0')}.json`), ONLINE_PAGE);
    platform.reset();
    const r = await runBin(['validate', '--online', '--format', 'json', '.'], dir, { AMDAHL_CLI_FROM_SOURCE: '1' });
    expect(r.code, r.stderr).toBe(1);
    const records = JSON.parse(r.stdout) as { file: string; code: string }[];
    expect(records).toHaveLength(3 * 2100);
    expect(records.filter((d) => d.file === 'p2099.json').map((d) => d.code)).toEqual(['query-failed', 'unknown-column', 'column-type']);
    expect(platform.count('POST /data/query')).toBe(2);
  }, 120_000);

  it('draws a progress line only on a terminal', async () => {
    const dir = freshDir('online-progress');
    writeFileSync(path.join(dir, 'online.json'), ONLINE_PAGE);
    const tty = await run(['validate', '--online', 'online.json'], dir, { progress: true });
    expect(tty.stderr).toMatch(/\r\x1b\[2Kchecking queries online 2\/2 queries/);
    const piped = await run(['validate', '--online', 'online.json'], dir, { progress: false });
    expect(piped.stderr).not.toContain('\r');
  });

  it('exits 2 with the reason when the platform refuses the key', async () => {
    const dir = freshDir('online-badkey');
    writeFileSync(path.join(dir, 'online.json'), ONLINE_PAGE);
    const r = await run(['validate', '--online', 'online.json'], dir, { env: { AMDAHL_URL: platform.url, API_KEY: 'amdhl_' + '0'.repeat(32) } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot check online against http:\/\/127\.0\.0\.1:\d+: the platform failed \(401 unauthenticated\)/);
    expect(r.stdout).toBe('');
  });
});

describe('online checks with a difficult platform', () => {
  async function analyse(texts: string[]) {
    const { analyseTexts } = await import('../../packages/cli/src/validate-files');
    return analyseTexts(texts.map((text, i) => ({ name: `f${i}.json`, text })), {});
  }
  const quietIO = { stdout() {}, stderr() {}, readStdin: async () => '', color: false, cwd: work } as CliIO;

  it('waits out 429s as the client does, and still sends each distinct SQL once', async () => {
    let refused = 0;
    const flaky = createPlatformClient({
      baseUrl: platform.baseUrl,
      apiKey: KEY,
      retry: { baseMs: 1, capMs: 5 },
      // A 429 the local platform would not send at this volume: the fault is injected, the answers are real.
      fetch: async (request) => {
        if (request.url.endsWith('/data/query') && refused < 2) {
          refused++;
          return new Response(JSON.stringify({ error: { code: 'resource_exhausted', message: 'slow down' }, retry_after: 0.05 }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '0' } });
        }
        return fetch(request);
      },
    });
    platform.reset();
    const texts = [ONLINE_PAGE, ONLINE_PAGE.replace('Online checks', 'Twin')];
    const { runOnlineChecks } = await import('../../packages/cli/src/online-checks');
    const run = await runOnlineChecks(texts, await analyse(texts), flaky, quietIO);
    expect(refused).toBe(2);
    expect(run.diagnostics.map((d) => d.map((x) => `${x.line}:${x.column} ${x.code}`))).toEqual([
      ['10:22 query-failed', '18:93 unknown-column', '19:92 column-type'],
      ['10:22 query-failed', '18:93 unknown-column', '19:92 column-type'],
    ]);
    expect(platform.count('POST /data/query')).toBe(2);
  });

  it('learns column names from a row when the platform sends no columns, and then skips column-type', async () => {
    const rowsOnly = createPlatformClient({
      baseUrl: platform.baseUrl,
      apiKey: KEY,
      // A platform that answers only `rows`, as the guide's minimal one may.
      fetch: async (request) => {
        const response = await fetch(request);
        if (!request.url.endsWith('/data/query') || response.status !== 200) return response;
        const { rows } = (await response.json()) as { rows: unknown[] };
        return new Response(JSON.stringify({ rows }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const { runOnlineChecks } = await import('../../packages/cli/src/online-checks');
    const run = await runOnlineChecks([ONLINE_PAGE], await analyse([ONLINE_PAGE]), rowsOnly, quietIO);
    expect(run.diagnostics[0]!.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['10:22 query-failed', '18:93 unknown-column']);
    // One zero-row call and one single-row call for the SQL that works; one for the one that fails.
    expect(run.calls).toBe(3);
  });
});

describe('pull, diff, push', () => {
  let repo: string;
  let pages: string;
  let channelId: string;

  beforeAll(() => {
    repo = freshDir('repo');
    pages = path.join(repo, 'pages');
  });

  it('pulls into an empty folder, and push --dry-run then changes nothing', async () => {
    const pulled = await run(['pull'], repo);
    expect(pulled.code).toBe(0);
    expect(pageFiles(pages)).toEqual(['channel-health.page.json', 'weekly-sentiment.page.json']);
    const file = readJson(path.join(pages, 'channel-health.page.json'));
    expect(Object.keys(file)).toEqual(['id', 'name', 'tags', 'version', 'declared_queries', 'spec']);
    channelId = file.id;
    expect((await client.getPage(channelId)).version).toBe(file.version);
    // Canonical and stable: fmt has nothing to change.
    expect((await run(['fmt', '--check', 'pages'], repo)).code).toBe(0);

    const before = await client.getPage(channelId);
    const dry = await run(['push', '--dry-run'], repo);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2 pages: 0 to create, 0 to update, 0 to archive, 2 unchanged, 0 refused');
    expect((await client.getPage(channelId)).version).toBe(before.version);
  });

  it('diff names exactly the edited page and node; push updates it and bumps its version', async () => {
    const file = path.join(pages, 'channel-health.page.json');
    editPage(file, (p) => (p.spec.root.children[0].children[1].props.label = 'Resolved share'));

    const diff = await run(['diff', '--format', 'json'], repo);
    expect(diff.code).toBe(0);
    const plan = JSON.parse(diff.stdout) as { action: string; name: string; changes?: { kind: string; pointer: string; what: string; before: unknown; after: unknown }[] }[];
    expect(plan.filter((a) => a.action !== 'unchanged')).toEqual([
      expect.objectContaining({
        action: 'update',
        name: 'Channel health',
        changes: [{ kind: 'changed', pointer: '/spec/root/children/0/children/1/props/label', what: 'Stat.label', before: 'Resolution rate', after: 'Resolved share' }],
      }),
    ]);
    const pretty = await run(['diff'], repo);
    expect(pretty.stdout).toContain('changed /spec/root/children/0/children/1/props/label  Stat.label: "Resolution rate" → "Resolved share"');
    expect(pretty.stdout).not.toContain('Weekly sentiment');

    const version = readJson(file).version as number;
    const pushed = await run(['push'], repo);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/updated +Channel health +channel-health\.page\.json \(version \d+\)/);
    const stored = await client.getPage(channelId);
    expect(stored.version).toBe(version + 1);
    expect(readJson(file).version).toBe(version + 1);
    expect(JSON.stringify(stored.spec)).toContain('Resolved share');
    expect((await run(['push', '--dry-run'], repo)).stdout).toContain('0 to update');
  });

  it('creates a new page, and archives a deleted one only with --prune', async () => {
    const newFile = path.join(pages, 'new-page.page.json');
    writeFileSync(newFile, `${JSON.stringify({ name: 'New page', tags: ['new'], declared_queries: [], spec: { version: 1, root: { type: 'Heading', props: { text: 'Hello' } } } }, null, 2)}\n`);
    const created = await run(['push'], repo);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created +New page/);
    const id = readJson(newFile).id as string;
    expect((await client.getPage(id)).name).toBe('New page');

    rmSync(newFile);
    const kept = await run(['push'], repo);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('"New page" was deleted from the folder (new-page.page.json): push --prune archives it');
    expect((await client.getPage(id)).name).toBe('New page');

    const pruned = await run(['push', '--prune'], repo);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/archived +New page/);
    await expect(client.getPage(id)).rejects.toSatisfy((e: unknown) => isPlatformError(e) && e.status === 404);
  });

  it('refuses a page changed on the platform since the pull, names it, and writes nothing at all (all or nothing)', async () => {
    const file = path.join(pages, 'channel-health.page.json');
    const weeklyFile = path.join(pages, 'weekly-sentiment.page.json');
    const base = readJson(file).version as number;
    // Someone edits the page in the studio meanwhile.
    const concurrent = await client.updatePage(channelId, { name: 'Channel health (studio edit)' }, { ifMatch: base });
    editPage(file, (p) => (p.spec.root.children[0].children[1].props.label = 'Share resolved'));
    editPage(weeklyFile, (p) => p.tags.push('reviewed'));
    const fileBefore = readFileSync(file, 'utf8');
    const weeklyBefore = readFileSync(weeklyFile, 'utf8');

    const dry = await run(['push', '--dry-run'], repo);
    expect(dry.code).toBe(1);
    const pushed = await run(['push'], repo);
    expect(pushed.code).toBe(1);
    expect(pushed.stdout).toContain(`"Channel health" changed on the platform since the last pull (version ${base} → ${base + 1}) and in channel-health.page.json`);
    expect(pushed.stdout).toMatch(/refused +Channel health/);
    expect(pushed.stdout).toMatch(/not-sent +Weekly sentiment/);
    expect(pushed.stdout).toContain('nothing was written: 1 page refused, so the 1 other change was not sent');

    const stored = await client.getPage(channelId);
    expect(stored.version).toBe(concurrent.version);
    expect(stored.name).toBe('Channel health (studio edit)');
    expect(JSON.stringify(stored.spec)).toContain('Resolved share');
    expect(JSON.stringify(stored.spec)).not.toContain('Share resolved');
    expect(readFileSync(file, 'utf8')).toBe(fileBefore);
    expect(readFileSync(weeklyFile, 'utf8')).toBe(weeklyBefore);
    const weekly = await client.getPage(readJson(weeklyFile).id);
    expect(weekly.tags).not.toContain('reviewed');
  });

  it('pull keeps a locally edited file unless --force', async () => {
    const kept = await run(['pull'], repo);
    expect(kept.code).toBe(1);
    expect(kept.stdout).toContain('kept  pages/channel-health.page.json  Channel health (studio edit): edited since the last pull or push');
    const forced = await run(['pull', '--force'], repo);
    expect(forced.code).toBe(0);
    expect(readJson(path.join(pages, 'channel-health.page.json')).name).toBe('Channel health (studio edit)');
    expect((await run(['push', '--dry-run'], repo)).stdout).toContain('0 to update, 0 to archive, 2 unchanged, 0 refused');
  });

  it('a write that loses the race to another one (If-Match) is refused and changes nothing', async () => {
    const { planFolder } = await import('../../packages/cli/src/pages-folder');
    const { pushPages } = await import('../../lib/pages-as-code/push-pages');
    const file = path.join(pages, 'channel-health.page.json');
    editPage(file, (p) => (p.spec.root.props.title = 'Channels'));
    const io = { stdout() {}, stderr() {}, readStdin: async () => '', color: false, cwd: repo } as CliIO;
    const view = await planFolder(io, { client, where: platform.url, close: async () => {} }, { dir: 'pages' });
    const action = view.actions.find((a) => 'local' in a && a.local.file === 'channel-health.page.json');
    expect(action?.kind).toBe('update');
    // Between the plan and the write, the page moves on the platform.
    const moved = await client.updatePage(channelId, { name: 'Channel health (moved)' });
    const results = await pushPages(view.actions, { client, state: view.state, prune: false });
    const result = results.find((r) => r.action === action)!;
    expect(result.outcome).toBe('refused');
    expect(result.message).toContain('changed on the platform while pushing');
    const stored = await client.getPage(channelId);
    expect(stored.version).toBe(moved.version);
    expect((stored.spec as { root: { props: { title: string } } }).root.props.title).not.toBe('Channels');
  });
});

describe('test (snapshot tests over recorded results)', () => {
  let repo: string;
  let pages: string;
  /** The demo-tagged page (Channel health; earlier tests renamed it, so its file name is looked up). */
  let slug: string;

  beforeAll(async () => {
    repo = freshDir('snapshots');
    pages = path.join(repo, 'pages');
    expect((await run(['pull', '--tag', 'demo'], repo)).code).toBe(0);
    expect(pageFiles(pages)).toHaveLength(1);
    slug = pageFiles(pages)[0]!.replace('.page.json', '');
  });

  it('test --record then test passes', async () => {
    const recorded = await run(['test', '--record'], repo);
    expect(recorded.code).toBe(0);
    const data = readJson(path.join(pages, '__data__', `${slug}.data.json`));
    expect(Object.keys(data.queries).sort()).toEqual(['by_channel', 'totals']);
    expect(data.queries.by_channel.columns.map((c: { name: string }) => c.name)).toEqual(['channel', 'inbound', 'outbound', 'avg_csat', 'resolution_rate']);
    expect(data.queries.by_channel.rows).toHaveLength(6);

    const tested = await run(['test'], repo);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('0 errors, 0 warnings in 0 files (1 file checked)');
    // Recorded results are not pages: validate over the folder skips them.
    expect((await run(['validate', 'pages'], repo)).stdout).toContain('(1 file checked)');
  });

  it('renaming a column in a recorded query\'s SQL fails, naming the page and the nodes', async () => {
    const file = path.join(pages, `${slug}.page.json`);
    const original = readFileSync(file, 'utf8');
    editPage(file, (p) => (p.declared_queries[1].sql = p.declared_queries[1].sql.replace('AS outbound', 'AS outbound_count')));
    try {
      const r = await run(['test'], repo);
      expect(r.code).toBe(1);
      const text = readFileSync(file, 'utf8').split('\n');
      const at = (needle: string, nth = 0) => {
        let line = -1;
        for (let seen = -1; seen < nth; ) if (text[++line]!.includes(needle)) seen++;
        return `${line + 1}:${text[line]!.indexOf(needle) + 1}`;
      };
      // BarChart.y[1] and the Table's third column both name "outbound".
      expect(r.stdout).toContain(`pages/${slug}.page.json:${at('"outbound"', 0)} error column-vanished BarChart.y names "outbound": "by_channel" returned it when recorded, but its SQL no longer does`);
      expect(r.stdout).toContain(`pages/${slug}.page.json:${at('"outbound"', 1)} error column-vanished Table.columns names "outbound"`);
      expect(r.stdout).toContain('hint: "by_channel" now returns channel, inbound, outbound_count, avg_csat, resolution_rate');
      expect(r.stdout).toContain('warning stale-recording The SQL of "by_channel" changed since its results were recorded');
      expect(r.stdout).toContain('2 errors, 1 warning in 1 file');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails on a node that shows an error card, and on a binding with no recording', async () => {
    const dataFile = path.join(pages, '__data__', `${slug}.data.json`);
    const original = readFileSync(dataFile, 'utf8');
    try {
      const data = JSON.parse(original);
      data.queries.totals = { sql: data.queries.totals.sql, error: { code: 'deadline_exceeded', message: 'the query was cancelled' } };
      writeFileSync(dataFile, JSON.stringify(data));
      const cards = await run(['test', '--format', 'json'], repo);
      expect(cards.code).toBe(1);
      const records = JSON.parse(cards.stdout) as { code: string; pointer: string; message: string }[];
      expect(records.map((r) => [r.code, r.pointer])).toEqual([0, 1, 2].map((i) => ['error-card', `/spec/root/children/0/children/${i}/type`]));
      expect(records[0]!.message).toBe('Query totals failed: deadline_exceeded: the query was cancelled');

      delete data.queries.totals;
      writeFileSync(dataFile, JSON.stringify(data));
      const missing = await run(['test', '--format', 'json'], repo);
      const codes = (JSON.parse(missing.stdout) as { code: string; message: string }[]).map((r) => `${r.code} ${r.message}`);
      expect(codes[0]).toBe('unresolved-binding Stat.value binds "totals", which has no recorded result');
      expect(missing.code).toBe(1);
    } finally {
      writeFileSync(dataFile, original);
    }
    expect((await run(['test'], repo)).code).toBe(0);
  });
});

describe('the CI recipe', () => {
  const workflowFile = path.join(ROOT, 'docs', 'ci', 'pages.yml');

  it('is valid YAML: validate with annotations and SARIF on pull requests, diff into the summary, push on main', () => {
    const workflow = parseYaml(readFileSync(workflowFile, 'utf8')) as any;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push.branches).toEqual(['main']);
    const check = workflow.jobs.check.steps as { run?: string; uses?: string; with?: Record<string, string> }[];
    expect(check.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe('amdahl-pages.sarif');
    expect(check.some((s) => s.run?.includes('--format sarif > amdahl-pages.sarif'))).toBe(true);
    expect(check.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
    expect(workflow.jobs.push.if).toBe("github.event_name == 'push'");
    expect(workflow.jobs.check.permissions['security-events']).toBe('write');
  });

  it('runs exactly the commands this test runs, and they pass on a clean folder', async () => {
    const workflow = parseYaml(readFileSync(workflowFile, 'utf8')) as any;
    const commands: string[][] = [];
    for (const job of Object.values(workflow.jobs) as { steps: { run?: string }[] }[]) {
      for (const step of job.steps) {
        for (const line of (step.run ?? '').split('\n')) {
          const m = /npx amdahl-pages ([^>]*)/.exec(line);
          if (m) commands.push(m[1]!.trim().split(/\s+/));
        }
      }
    }
    expect(commands).toEqual(CI_COMMANDS);

    // A repository as CI checks it out: pages pulled and recorded, committed.
    const repo = freshDir('ci');
    expect((await runBin(['pull', '--tag', 'demo'], repo)).code).toBe(0);
    const recorded = await runBin(['test', '--record'], repo);
    expect(recorded.code, recorded.stderr).toBe(0);
    const outputs = new Map<string, Run>();
    for (const args of CI_COMMANDS) {
      const r = await runBin(args, repo);
      outputs.set(args.join(' '), r);
      expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(outputs.get('validate pages --online --format github')!.stdout).toContain('0 errors, 0 warnings in 0 files (1 file checked)');
    expect(JSON.parse(outputs.get('validate pages --online --format sarif')!.stdout).version).toBe('2.1.0');
    expect(outputs.get('diff --format markdown')!.stdout).toContain('### Pages: what push would change');
    expect(outputs.get('push')!.stdout).toContain('1 page: 0 created, 0 updated, 0 archived, 1 unchanged');

    // A pull request that breaks a chart: the first CI step fails with an annotation, exit 1.
    const file = pageFiles(path.join(repo, 'pages'))[0]!;
    editPage(path.join(repo, 'pages', file), (p) => (p.spec.root.children[1].props.x = 'chanel'));
    const broken = await runBin(CI_COMMANDS[0]!, repo);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`^::error file=pages/${file.replace(/\./g, '\\.')},line=\\d+,col=\\d+,.*title=unknown-column::BarChart\\.x names "chanel"`, 'm'));
    expect(existsSync(path.join(repo, 'pages', '.amdahl-pages.json'))).toBe(true);
  }, 240_000);
});
