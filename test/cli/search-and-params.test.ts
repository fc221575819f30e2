/**
 * Search queries and params in pages as code, against the real local platform
 * over HTTP: `validate --online` probes cluster_search and kb_search queries
 * (each distinct search once) and places what goes wrong on the field at
 * fault; `test --record` records search results and the params used, takes
 * `--param name=value` checked as the app checks a view's params, and `test`
 * replays it all. The one fault the local platform cannot produce, a platform
 * without POST /search/kb, is a proxy in front of it that answers 404 there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeListener } from '../../lib/http/node-adapter';
import { KEY, pagesWorkspace, type Run } from './cli-harness';
import type { CountingPlatform } from './counting-platform';

const ws = pagesWorkspace('amdahl-search-params-');
let work: string;
let platform: CountingPlatform;
/** The same platform behind a proxy that has no knowledge-base endpoint. */
let noKb: { url: string; server: Server };

beforeAll(async () => {
  ({ work, platform } = ws);
  const server = createServer(
    toNodeListener(async (request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/search/kb')) {
        return new Response(JSON.stringify({ error: { code: 'not_found', message: `no such endpoint: /search/kb` } }), { status: 404, headers: { 'content-type': 'application/json' } });
      }
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      return fetch(`${platform.url}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  noKb = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}, 180_000);

afterAll(async () => {
  await new Promise<void>((resolve) => {
    if (!noKb) return resolve();
    noKb.server.close(() => resolve());
    noKb.server.closeAllConnections();
  });
});

/** The CLI in this process, against `url` (default: the platform itself). */
function run(args: string[], cwd: string, url = platform.url): Promise<Run> {
  return ws.run(args, cwd, { env: { AMDAHL_URL: url, API_KEY: KEY } });
}

/** `line:column` of the nth occurrence of `needle` in `text` (1-based), as the CLI reports positions. */
function at(text: string, needle: string, nth = 0): string {
  const lines = text.split('\n');
  let seen = -1;
  for (const [i, line] of lines.entries()) {
    let from = 0;
    for (let col = line.indexOf(needle); col >= 0; col = line.indexOf(needle, from)) {
      if (++seen === nth) return `${i + 1}:${col + 1}`;
      from = col + 1;
    }
  }
  throw new Error(`${needle} not found`);
}

const SEARCH_PAGE = `{
  "name": "Deliveries",
  "tags": [],
  "declared_queries": [
    { "name": "late", "source": "cluster_search", "query": "parcel arrived damaged", "target": "interactions" },
    { "name": "tickets", "source": "cluster_search", "query": "parcel arrived damaged", "target": "tickets" },
    { "name": "help", "source": "kb_search", "query": "damaged parcel" }
  ],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "props": { "title": "Deliveries" },
      "children": [
        { "type": "Stat", "props": { "label": "Best match", "value": { "$value": { "query": "late", "field": "similarity" } } } },
        { "type": "Stat", "props": { "label": "Preview", "value": { "$value": { "query": "late", "field": "content_preview" } } } },
        { "type": "Table", "props": { "data": { "$query": "late" }, "columns": [{ "key": "content_preview" }, { "key": "similarty" }] } },
        { "type": "Table", "props": { "data": { "$query": "tickets" } } },
        { "type": "Table", "props": { "data": { "$query": "help" }, "columns": [{ "key": "title" }, { "key": "url" }, { "key": "body" }] } }
      ]
    }
  }
}
`;

/** A page that renders cleanly over both search sources. */
const GOOD_SEARCH_PAGE = `{
  "name": "Voice of the customer",
  "tags": [],
  "declared_queries": [
    { "name": "late", "source": "cluster_search", "query": "parcel arrived damaged", "target": "interactions" },
    { "name": "help", "source": "kb_search", "query": "damaged parcel" }
  ],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "props": { "title": "Deliveries" },
      "children": [
        { "type": "Stat", "props": { "label": "Best match", "value": { "$value": { "query": "late", "field": "similarity" } } } },
        { "type": "Table", "props": { "data": { "$query": "late" }, "columns": [{ "key": "content_preview" }, { "key": "similarity" }] } },
        { "type": "Table", "props": { "data": { "$query": "help" }, "columns": [{ "key": "title" }, { "key": "snippet" }] } }
      ]
    }
  }
}
`;

const PARAM_PAGE = `{
  "name": "One channel",
  "tags": [],
  "declared_queries": [
    {
      "name": "by_channel",
      "sql": "SELECT channel, COUNT(*) AS n FROM interactions WHERE channel = @channel GROUP BY channel",
      "params": { "channel": { "type": "string", "values": ["email", "chat", "phone"] } }
    },
    {
      "name": "top",
      "sql": "SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel ORDER BY n DESC LIMIT @k",
      "params": { "k": { "type": "integer", "default": 3 } }
    }
  ],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "children": [
        { "type": "Table", "props": { "data": { "$query": "by_channel" } } },
        { "type": "BarChart", "props": { "data": { "$query": "top" }, "x": "channel", "y": "n" } }
      ]
    }
  }
}
`;

function folderWith(name: string, files: Record<string, string>): { repo: string; pages: string } {
  const repo = path.join(work, name);
  const pages = path.join(repo, 'pages');
  mkdirSync(pages, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(pages, file), text);
  return { repo, pages };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

describe('validate --online with search queries', () => {
  it('runs each distinct search once and places a bad target, an unknown column and a text measure at their positions', async () => {
    const { repo } = folderWith('online-search', { 'a.json': SEARCH_PAGE, 'b.json': SEARCH_PAGE.replace('"Deliveries"', '"Twin"') });
    platform.reset();
    const r = await run(['validate', 'pages', '--online'], repo);
    expect(r.code, r.stderr).toBe(1);
    const file = 'pages/a.json';
    expect(r.stdout).toContain(`${file}:${at(SEARCH_PAGE, '"tickets"', 1)} error unknown-target "tickets" (cluster_search) cannot run: cluster_search cannot search "tickets"`);
    expect(r.stdout).toContain(`${file}:${at(SEARCH_PAGE, '"content_preview"', 0)} error column-type Stat.value wants numbers, but "late".content_preview is text`);
    expect(r.stdout).toContain(`${file}:${at(SEARCH_PAGE, '"similarty"')} error unknown-column Table.columns names "similarty", which "late" does not return`);
    expect(r.stdout).toContain('hint: did you mean "similarity"?');
    // `url` is optional in a knowledge-base answer: named, it is not an error; `body` is.
    expect(r.stdout).toContain(`${file}:${at(SEARCH_PAGE, '"body"')} error unknown-column Table.columns names "body", which "help" does not return`);
    expect(r.stdout).not.toContain('"url", which');
    // The offline doubt about the target is settled online: one record there, the error.
    expect(r.stdout).not.toContain('is not a corpus the search endpoint is known to cover');
    expect(r.stdout).toContain('8 errors, 0 warnings in 2 files');
    // Two files, three searches each, two of which reach the platform: one call each.
    expect(platform.count('POST /search/query')).toBe(1);
    expect(platform.count('POST /search/kb')).toBe(1);
    expect(r.stderr).toContain('online: 3 distinct queries, 2 platform calls');
  });

  it('a platform without the knowledge-base endpoint is a diagnostic on the query\'s source, not a platform failure', async () => {
    const { repo } = folderWith('online-no-kb', { 'deliveries.page.json': GOOD_SEARCH_PAGE });
    expect((await run(['validate', 'pages', '--online'], repo)).code).toBe(0);
    const r = await run(['validate', 'pages', '--online', '--format', 'json'], repo, noKb.url);
    expect(r.code, r.stderr).toBe(1);
    const records = JSON.parse(r.stdout) as { code: string; pointer: string; line: number; column: number; hint?: string }[];
    expect(records.map((d) => [d.code, d.pointer, `${d.line}:${d.column}`])).toEqual([['search-unavailable', '/declared_queries/1/source', at(GOOD_SEARCH_PAGE, '"kb_search"')]]);
    expect(records[0]!.hint).toContain('POST /search/kb');
  });
});

describe('test --record with search queries', () => {
  it('records search results, replays them, and names a search changed since', async () => {
    const { repo, pages } = folderWith('record-search', { 'deliveries.page.json': GOOD_SEARCH_PAGE });
    const recorded = await run(['test', '--record'], repo);
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    const data = readJson(path.join(pages, '__data__', 'deliveries.data.json'));
    expect(data.queries.late).toMatchObject({ source: 'cluster_search', query: 'parcel arrived damaged', target: 'interactions' });
    expect(data.queries.late.rows.length).toBeGreaterThan(0);
    expect(data.queries.late.columns.map((c: { name: string }) => c.name)).toContain('similarity');
    expect(data.queries.help).toMatchObject({ source: 'kb_search', query: 'damaged parcel' });
    expect(data.queries.help.rows[0]).toHaveProperty('title');
    expect(data).not.toHaveProperty('params');

    expect((await run(['test'], repo)).code).toBe(0);

    const file = path.join(pages, 'deliveries.page.json');
    const edited = GOOD_SEARCH_PAGE.replace('"damaged parcel"', '"refund policy"').replace('{ "key": "snippet" }', '{ "key": "summary" }');
    writeFileSync(file, edited);
    const r = await run(['test'], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`pages/deliveries.page.json:${at(edited, '"refund policy"')} warning stale-recording The query of "help" changed since its results were recorded`);
    expect(r.stdout).toContain(`pages/deliveries.page.json:${at(edited, '"summary"')} error unresolved-binding Table.columns names "summary", which the recorded result of "help" does not have`);
  });

  it('records a platform without /search/kb as the query\'s failure, which test then reports', async () => {
    const { repo, pages } = folderWith('record-no-kb', { 'deliveries.page.json': GOOD_SEARCH_PAGE });
    const recorded = await run(['test', '--record'], repo, noKb.url);
    expect(recorded.stderr).toContain('"help" failed on the platform (no_kb_endpoint');
    expect(readJson(path.join(pages, '__data__', 'deliveries.data.json')).queries.help.error.code).toBe('no_kb_endpoint');
    expect(recorded.code).toBe(1);
    expect(recorded.stdout).toContain('error error-card');
  });
});

describe('test --record --param', () => {
  it('refuses a value outside the declared ones, of the wrong type, a name no page declares, or --param without --record: exit 2, nothing recorded', async () => {
    const { repo, pages } = folderWith('params-refused', { 'channel.page.json': PARAM_PAGE, 'deliveries.page.json': GOOD_SEARCH_PAGE });
    const cases: [string[], string][] = [
      [['--record', '--param', 'channel=fax'], '--param channel=fax: The param "channel" must be one of "email", "chat", "phone"'],
      [['--record', '--param', 'k=2.5'], '--param k=2.5: The param "k" must be an integer'],
      [['--record', '--param', 'chanel=chat'], '--param chanel: no page declares a param "chanel"; did you mean "channel"?'],
      [['--record', '--param', 'channel'], '--param takes name=value, not "channel"'],
      [['--record', '--param', 'k=2', '--param', 'k=3'], '--param k is given twice'],
      [['--param', 'k=2'], '--param only applies when recording: use it with --record'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['test', ...args], repo);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`amdahl-pages: ${message}`);
    }
    expect(existsSync(path.join(pages, '__data__'))).toBe(false);
  });

  it('records with the given values, bound as the app binds a view\'s ?name=value, and says which it used', async () => {
    const { repo, pages } = folderWith('params-given', { 'channel.page.json': PARAM_PAGE, 'deliveries.page.json': GOOD_SEARCH_PAGE });
    const dataFile = path.join(pages, '__data__', 'channel.data.json');

    expect((await run(['test', '--record'], repo)).code).toBe(0);
    const defaults = readJson(dataFile);
    expect(defaults.params).toEqual({ channel: 'email', k: 3 });
    expect(defaults.queries.by_channel.rows.map((r: { channel: string }) => r.channel)).toEqual(['email']);
    expect(defaults.queries.top.rows).toHaveLength(3);

    const r = await run(['test', '--record', '--param', 'channel=chat', '--param', 'k=2'], repo);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const given = readJson(dataFile);
    expect(given.params).toEqual({ channel: 'chat', k: '2' });
    expect(given.queries.by_channel.rows.map((row: { channel: string }) => row.channel)).toEqual(['chat']);
    expect(given.queries.top.rows).toHaveLength(2);
    // A page that declares neither param is recorded as before.
    expect(readJson(path.join(pages, '__data__', 'deliveries.data.json'))).not.toHaveProperty('params');
    expect((await run(['test'], repo)).code).toBe(0);

    // The page stops accepting the recorded value: the replay says so where the param is declared.
    const file = path.join(pages, 'channel.page.json');
    const edited = PARAM_PAGE.replace('"email", "chat", "phone"', '"email", "phone"');
    writeFileSync(file, edited);
    const stale = await run(['test'], repo);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain(`pages/channel.page.json:${at(edited, '{ "type": "string", "values"')} warning stale-recording The results of "by_channel" were recorded with channel="chat", which it no longer accepts: The param "channel" must be one of "email", "phone"`);
  });
});
