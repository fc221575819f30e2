/**
 * The contract (CONTRACT.md) against the local platform over real HTTP:
 * serve.ts on 127.0.0.1, port 0, a fresh data directory under os.tmpdir().
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';
import type { Template } from '../../lib/local-platform';

const DEV = 'amdhl_local_dev';
const OTHER = 'amdhl_' + 'a1'.repeat(16);
const READER = 'amdhl_' + 'b2'.repeat(16); // demo: data:read, pages:read
const WRITER = 'amdhl_' + 'c3'.repeat(16); // demo: pages:read, pages:write (no data:read, no admin)
const SMALL = 'amdhl_' + 'd4'.repeat(16); // the rate-limit platform's second key (its own bucket)
const TIMEOUT_MS = 2000;
const ROW_CAP = 500;
const SEED_DIR = path.join(process.cwd(), 'lib/local-platform/seed-pages');
const TEMPLATE_FILE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');

const template: Template = {
  slug: 'pipeline-health',
  name: 'Pipeline health',
  description: 'Open pipeline by stage.',
  page: {
    tags: ['pipeline'],
    declared_queries: [{ name: 'stages', source: 'sql', sql: 'SELECT deal_stage, COUNT(*) AS deals FROM interactions WHERE deal_stage IS NOT NULL GROUP BY 1' }],
    spec: { version: 1, root: { type: 'Table', props: { data: { $query: 'stages' } } } },
  },
};

let dir: string;
let served: ServedLocalPlatform;
let base: string;

interface Call {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

async function call(method: string, p: string, body?: unknown, key: string | null = DEV, headers: Record<string, string> = {}, url = base): Promise<Call> {
  const h: Record<string, string> = { ...headers };
  if (key !== null) h.authorization = `Bearer ${key}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const started = performance.now();
  const res = await fetch(url + p, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

const query = (sql: string, key = DEV) => call('POST', '/data/query', { sql }, key);

function expectError(res: Call, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /); // no stack trace
}

const newPage = (name: string, tags: string[] = []) => ({
  name,
  tags,
  declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel' }],
  spec: { version: 1, root: { type: 'Table', props: { data: { $query: 'by_channel' } } } },
});

async function startMain(): Promise<ServedLocalPlatform> {
  return serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir,
    initdbTemplate: TEMPLATE_FILE,
    keys: [
      { key: OTHER, business: 'other', scopes: ['data:read', 'pages:read', 'pages:write', 'pages:admin'] },
      { key: READER, business: 'demo', scopes: ['data:read', 'pages:read'] },
      { key: WRITER, business: 'demo', scopes: ['pages:read', 'pages:write'] },
    ],
    rowCap: ROW_CAP,
    queryTimeoutMs: TIMEOUT_MS,
    templates: [template],
    webhookRetry: { attempts: 4, baseDelayMs: 150, timeoutMs: 2000 },
    validatePage: async ({ spec, declared_queries }) => {
      if ((spec as { boom?: boolean }).boom) throw new Error('validator exploded at /secret/path');
      const root = (spec as { root?: unknown }).root;
      return root
        ? { valid: true, diagnostics: [] }
        : {
            valid: false,
            diagnostics: [{ code: 'bad-prop', severity: 'error', message: `no root (${declared_queries.length} queries)`, pointer: '/root' }],
          };
    },
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-contract-'));
  const started = performance.now();
  served = await startMain();
  base = served.baseUrl;
  console.log(`first start (initdb or template + seed of demo and other): ${Math.round(performance.now() - started)} ms`, served.platform.databaseStarts());
});

afterAll(async () => {
  await served?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('transport', () => {
  it('serves under /api/platform/v1 and answers JSON', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/platform\/v1$/);
    const res = await call('GET', '/pages');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('401 unauthenticated without a key, with an unknown key, with a malformed header', async () => {
    expectError(await call('GET', '/pages', undefined, null), 401, 'unauthenticated');
    expectError(await call('GET', '/pages', undefined, 'amdhl_deadbeef'), 401, 'unauthenticated');
    expectError(await call('GET', '/pages', undefined, null, { authorization: 'Basic abc' }), 401, 'unauthenticated');
    expectError(await query('SELECT 1', 'amdhl_wrong'), 401, 'unauthenticated');
  });

  it('403 permission_denied when the key lacks the scope', async () => {
    expectError(await query('SELECT 1', WRITER), 403, 'permission_denied');
    expectError(await call('POST', '/pages', newPage('nope'), READER), 403, 'permission_denied');
    expectError(await call('POST', '/webhooks', { url: 'http://127.0.0.1:9/x', events: ['page.created'] }, READER), 403, 'permission_denied');
    // Custom needs pages:admin
    const custom = { name: 'c', spec: { version: 1, root: { type: 'Custom', props: {} } } };
    expectError(await call('POST', '/pages', custom, WRITER), 403, 'permission_denied');
    expect((await call('POST', '/pages', custom, DEV)).status).toBe(201);
  });

  it('X-Amdahl-API-Version: absent is fine, a known one is echoed, an unknown one is 400', async () => {
    const absent = await call('GET', '/pages');
    expect(absent.status).toBe(200);
    expect(absent.headers.get('x-amdahl-api-version')).toBe('2026-11-01');
    const known = await call('GET', '/pages', undefined, DEV, { 'X-Amdahl-API-Version': '2026-11-01' });
    expect(known.status).toBe(200);
    expect(known.headers.get('x-amdahl-api-version')).toBe('2026-11-01');
    const unknown = await call('GET', '/pages', undefined, DEV, { 'X-Amdahl-API-Version': '2019-01-01' });
    expectError(unknown, 400, 'invalid_argument');
    expect(unknown.body.error.message).toContain('2019-01-01');
  });

  it('rate-limit headers on every response, errors included', async () => {
    for (const res of [await call('GET', '/pages'), await call('GET', '/pages', undefined, null), await call('GET', '/nowhere')]) {
      expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
      expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
    }
  });

  it('404 not_found for unknown routes, 405 for a wrong method', async () => {
    expectError(await call('GET', '/nowhere'), 404, 'not_found');
    expectError(await call('GET', '/pages/x/y/z'), 404, 'not_found');
    const wrong = await call('PUT', '/pages');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
    expect((await call('GET', '/data/query')).status).toBe(405);
  });

  it('400 invalid_argument for malformed JSON, a missing body and unknown fields (named)', async () => {
    expectError(await call('POST', '/data/query', '{"sql": '), 400, 'invalid_argument');
    expectError(await call('POST', '/data/query'), 400, 'invalid_argument');
    const unknown = await call('POST', '/data/query', { sql: 'SELECT 1', limit: 5 });
    expectError(unknown, 400, 'invalid_argument');
    expect(unknown.body.error.message).toContain('"limit"');
    const pageField = await call('POST', '/pages', { ...newPage('x'), colour: 'red' });
    expectError(pageField, 400, 'invalid_argument');
    expect(pageField.body.error.message).toContain('"colour"');
    const nested = await call('POST', '/pages', { ...newPage('x'), declared_queries: [{ name: 'q', sql: 'SELECT 1', bogus: 1 }] });
    expectError(nested, 400, 'invalid_argument');
    expect(nested.body.error.message).toContain('bogus');
  });

  it('500 internal without a stack trace', async () => {
    const res = await call('POST', '/pages/validate', { spec: { boom: true }, declared_queries: [] });
    expectError(res, 500, 'internal');
    expect(res.body.error.message).toBe('internal error');
    expect(JSON.stringify(res.body)).not.toContain('/secret/path');
  });
});

describe('data queries', () => {
  it("runs the guide's channel query: 5 rows with columns, row_count, truncated, elapsed_ms", async () => {
    const res = await query('SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY events DESC LIMIT 5');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(5);
    expect(res.body.columns).toEqual([
      { name: 'channel', type: 'text' },
      { name: 'events', type: 'bigint' },
    ]);
    expect(res.body.row_count).toBe(5);
    expect(res.body.truncated).toBe(false);
    expect(typeof res.body.elapsed_ms).toBe('number');
    const events = res.body.rows.map((r: { events: number }) => r.events);
    expect(events).toEqual([...events].sort((a: number, b: number) => b - a));
    expect(typeof events[0]).toBe('number');
  });

  it('each business sees only its own rows', async () => {
    const demo = await query('SELECT COUNT(*) AS n FROM interactions');
    const other = await query('SELECT COUNT(*) AS n FROM interactions', OTHER);
    expect(demo.body.rows[0].n).toBeGreaterThanOrEqual(100_000);
    expect(other.body.rows[0].n).toBeGreaterThan(15_000);
    expect(other.body.rows[0].n).toBeLessThan(25_000);
  });

  it('DELETE FROM interactions is 400 invalid_argument and the row count is unchanged', async () => {
    const before = (await query('SELECT COUNT(*) AS n FROM interactions')).body.rows[0].n;
    const res = await query('DELETE FROM interactions');
    expectError(res, 400, 'invalid_argument');
    expect(res.body.error.message).toMatch(/SELECT/);
    expect((await query('SELECT COUNT(*) AS n FROM interactions')).body.rows[0].n).toBe(before);
  });

  it('bad SQL is 400 with the position of the problem', async () => {
    const res = await query('SELECT nope FROM interactions');
    expectError(res, 400, 'invalid_argument');
    expect(res.body.error.message).toContain('nope');
    const syntax = await query('SELECT FROM WHERE');
    expectError(syntax, 400, 'invalid_argument');
    expect(syntax.body.error.details.problems[0].offset).toBeTypeOf('number');
  });

  it('the row cap sets truncated', async () => {
    const res = await query('SELECT id, occurred_at FROM interactions ORDER BY id');
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(true);
    expect(res.body.row_count).toBe(ROW_CAP);
    expect(res.body.rows).toHaveLength(ROW_CAP);
    expect(res.body.rows[0]).toEqual({ id: 1, occurred_at: expect.stringMatching(/^2026-05-0\dT.*Z$/) });
    const exact = await query(`SELECT id FROM interactions ORDER BY id LIMIT ${ROW_CAP}`);
    expect(exact.body.truncated).toBe(false);
    expect(exact.body.row_count).toBe(ROW_CAP);
  });

  it('SELECT pg_sleep(30) is 504 deadline_exceeded within the limit, and the next query works', async () => {
    const res = await query('SELECT pg_sleep(30)');
    expectError(res, 504, 'deadline_exceeded');
    expect(res.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(res.ms).toBeLessThan(TIMEOUT_MS + 1500);
    const next = await query('SELECT COUNT(*) AS n FROM interactions');
    expect(next.status).toBe(200);
    expect(next.body.rows[0].n).toBeGreaterThanOrEqual(100_000);
  });

  it('a runaway query is 504 deadline_exceeded within the limit, and the next query works', async () => {
    const res = await query('SELECT COUNT(*) FROM interactions a CROSS JOIN interactions b');
    expectError(res, 504, 'deadline_exceeded');
    expect(res.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(res.ms).toBeLessThan(TIMEOUT_MS + 1500);
    const next = await query('SELECT COUNT(*) AS n FROM interactions');
    expect(next.status).toBe(200);
    expect(next.body.rows[0].n).toBeGreaterThanOrEqual(100_000);
    // the other business never noticed
    expect((await query('SELECT 1 AS one', OTHER)).status).toBe(200);
  });
});

describe('pages', () => {
  it('the demo pages are there on first start, exactly as their files', async () => {
    const list = await call('GET', '/pages?limit=100');
    expect(list.status).toBe(200);
    for (const file of fs.readdirSync(SEED_DIR).filter((f) => f.endsWith('.json'))) {
      const seed = JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8'));
      const page = list.body.items.find((p: { name: string }) => p.name === seed.name);
      expect(page, seed.name).toBeDefined();
      expect(page.spec).toEqual(seed.spec);
      expect(page.declared_queries).toEqual(seed.declared_queries);
      expect(page.tags).toEqual(seed.tags);
      expect(page.status).toBe('draft');
    }
    // ...and only in demo
    const other = await call('GET', '/pages', undefined, OTHER);
    expect(other.body.items.some((p: { name: string }) => p.name === 'Channel health')).toBe(false);
  });

  it('create, get, update with If-Match, stale If-Match is 409, archive makes it 404', async () => {
    const created = await call('POST', '/pages', newPage('Lifecycle', ['life']));
    expect(created.status).toBe(201);
    const page = created.body;
    expect(page).toMatchObject({ name: 'Lifecycle', tags: ['life'], status: 'draft', version: 1 });
    for (const key of ['id', 'name', 'tags', 'status', 'declared_queries', 'spec', 'created_at', 'updated_at', 'version']) expect(page).toHaveProperty(key);
    expect(created.headers.get('etag')).toBe('"1"');

    const got = await call('GET', `/pages/${page.id}`);
    expect(got.body).toEqual(page);

    const v2 = await call('PATCH', `/pages/${page.id}`, { name: 'Lifecycle 2', status: 'published' }, DEV, { 'If-Match': '"1"' });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ name: 'Lifecycle 2', status: 'published', version: 2 });
    expect(v2.body.updated_at >= page.updated_at).toBe(true);

    const stale = await call('PATCH', `/pages/${page.id}`, { name: 'Lost update' }, DEV, { 'If-Match': '"1"' });
    expectError(stale, 409, 'failed_precondition');
    expect((await call('GET', `/pages/${page.id}`)).body.name).toBe('Lifecycle 2');

    const v3 = await call('PATCH', `/pages/${page.id}`, { tags: ['life', 'x'] });
    expect(v3.body.version).toBe(3);
    expectError(await call('PATCH', `/pages/${page.id}`, { status: 'archived' }), 400, 'invalid_argument');
    expectError(await call('PATCH', `/pages/${page.id}`, {}), 400, 'invalid_argument');
    expectError(await call('PATCH', `/pages/${page.id}`, { name: 'x' }, DEV, { 'If-Match': 'banana' }), 400, 'invalid_argument');

    const archived = await call('DELETE', `/pages/${page.id}`);
    expect(archived.status).toBe(200);
    expectError(await call('GET', `/pages/${page.id}`), 404, 'not_found');
    expectError(await call('PATCH', `/pages/${page.id}`, { name: 'ghost' }), 404, 'not_found');
    expectError(await call('DELETE', `/pages/${page.id}`), 404, 'not_found');
    const list = await call('GET', '/pages?limit=100');
    expect(list.body.items.some((p: { id: string }) => p.id === page.id)).toBe(false);
    expectError(await call('GET', '/pages/page_doesnotexist'), 404, 'not_found');
  });

  it('ours: a PATCH of status alone restores an archived page with its id, content and a new version; other edits stay 404', async () => {
    const page = (await call('POST', '/pages', newPage('Restorable', ['undo']))).body;
    const published = (await call('PATCH', `/pages/${page.id}`, { status: 'published' })).body;
    const archived = (await call('DELETE', `/pages/${page.id}`)).body;
    expect(archived).toMatchObject({ status: 'archived', version: published.version + 1 });
    expectError(await call('PATCH', `/pages/${page.id}`, { name: 'edited while archived', status: 'draft' }), 404, 'not_found');
    expectError(await call('PATCH', `/pages/${page.id}`, { status: 'published' }, DEV, { 'If-Match': `"${published.version}"` }), 409, 'failed_precondition');
    expectError(await call('PATCH', `/pages/${page.id}`, { status: 'published' }, READER), 403, 'permission_denied');

    const restored = await call('PATCH', `/pages/${page.id}`, { status: 'published' }, DEV, { 'If-Match': `"${archived.version}"` });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ id: page.id, name: 'Restorable', tags: ['undo'], status: 'published', version: archived.version + 1, created_at: page.created_at });
    expect(restored.body.spec).toEqual(page.spec);
    expect((await call('GET', `/pages/${page.id}`)).body.status).toBe('published');
    const listed = await call('GET', '/pages?tag=undo');
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([page.id]);
  });

  it('another business cannot see or touch the page', async () => {
    const page = (await call('POST', '/pages', newPage('Private'))).body;
    expectError(await call('GET', `/pages/${page.id}`, undefined, OTHER), 404, 'not_found');
    expectError(await call('PATCH', `/pages/${page.id}`, { name: 'mine' }, OTHER), 404, 'not_found');
    expectError(await call('DELETE', `/pages/${page.id}`, undefined, OTHER), 404, 'not_found');
    expect((await call('GET', `/pages/${page.id}`)).body.name).toBe('Private');
  });

  it('pagination walks every page exactly once; tag filters; limit is checked', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await call('POST', '/pages', newPage(`Bulk ${i}`, ['bulk']))).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let rounds = 0;
    do {
      const res: Call = await call('GET', `/pages?limit=3&tag=bulk${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.next_cursor;
      rounds++;
    } while (cursor && rounds < 10);
    expect(rounds).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(ids);
    // all pages: default limit 50, untagged walk includes the demo pages too
    const all = await call('GET', '/pages');
    expect(all.body.next_cursor).toBeNull();
    expect(all.body.items.length).toBeGreaterThanOrEqual(9);
    for (const bad of ['0', '101', 'abc', '-1', '2.5']) expectError(await call('GET', `/pages?limit=${bad}`), 400, 'invalid_argument');
    expectError(await call('GET', '/pages?cursor=not-a-cursor'), 400, 'invalid_argument');
  });

  it('validate calls the injected validator', async () => {
    const ok = await call('POST', '/pages/validate', { spec: { version: 1, root: { type: 'Text' } }, declared_queries: [] }, READER);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true, diagnostics: [] });
    const bad = await call('POST', '/pages/validate', { spec: { type: 'Section' }, declared_queries: [{ name: 'q' }] });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.diagnostics[0]).toMatchObject({ code: 'bad-prop', pointer: '/root', message: 'no root (1 queries)' });
    expectError(await call('POST', '/pages/validate', { declared_queries: [] }), 400, 'invalid_argument');
  });

  it('templates: list and one by slug', async () => {
    const list = await call('GET', '/pages/templates');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([{ slug: 'pipeline-health', name: 'Pipeline health', description: 'Open pipeline by stage.', tags: ['pipeline'] }]);
    expect(list.body.next_cursor).toBeNull();
    const one = await call('GET', '/pages/templates/pipeline-health');
    expect(one.body).toMatchObject({ slug: 'pipeline-health', spec: template.page.spec, declared_queries: template.page.declared_queries });
    expectError(await call('GET', '/pages/templates/nope'), 404, 'not_found');
  });

  it('embed tokens: self for pages:read, workspace and public need pages:admin, tokens verify and fail closed', async () => {
    const page = (await call('POST', '/pages', newPage('Embeddable'))).body;
    const self = await call('POST', `/pages/${page.id}/embed-token`, { audience: 'self' }, READER);
    expect(self.status).toBe(200);
    expect(self.body.token.split('.')).toHaveLength(3);
    expect(Date.parse(self.body.expires_at)).toBeGreaterThan(Date.now());
    expect(self.body.embed_url).toContain(page.id);
    expect(self.body.embed_url).toContain(encodeURIComponent(self.body.token));

    expectError(await call('POST', `/pages/${page.id}/embed-token`, { audience: 'workspace' }, WRITER), 403, 'permission_denied');
    expectError(await call('POST', `/pages/${page.id}/embed-token`, { audience: 'public' }, READER), 403, 'permission_denied');
    const pub = await call('POST', `/pages/${page.id}/embed-token`, { audience: 'public', ttl_seconds: 120, origins: ['https://example.com'], rules: { channel: 'email' } });
    expect(pub.status).toBe(200);
    expect(Date.parse(pub.body.expires_at) - Date.now()).toBeLessThanOrEqual(121_000);

    const claims = await served.platform.verifyEmbedToken(pub.body.token, { pageId: page.id });
    expect(claims).toMatchObject({ pageId: page.id, business: 'demo', audience: 'public', origins: ['https://example.com'], rules: { channel: ['email'] } });
    expect(await served.platform.verifyEmbedToken(pub.body.token, { pageId: 'page_other' })).toBeNull();
    const [h, p, s] = pub.body.token.split('.');
    expect(await served.platform.verifyEmbedToken(`${h}.${p}.${s.slice(0, -2)}AA`)).toBeNull();
    expect(await served.platform.verifyEmbedToken(pub.body.token, { now: new Date(Date.now() + 3600_000) })).toBeNull();
    expect(await served.platform.verifyEmbedToken('')).toBeNull();

    expectError(await call('POST', `/pages/${page.id}/embed-token`, { audience: 'everyone' }), 400, 'invalid_argument');
    expectError(await call('POST', `/pages/${page.id}/embed-token`, { audience: 'self', origins: ['javascript:alert(1)'] }), 400, 'invalid_argument');
    expectError(await call('POST', '/pages/page_nope/embed-token', { audience: 'self' }), 404, 'not_found');
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const deliveries: { headers: IncomingMessage['headers']; raw: string; status: number }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = failNext > 0 ? 500 : 204;
        if (failNext > 0) failNext--;
        deliveries.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  async function waitFor(predicate: () => boolean, ms = 8000): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out waiting for deliveries');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('CRUD: the secret is shown once; list, get, patch, delete', async () => {
    const created = await call('POST', '/webhooks', { url: receiverUrl, events: ['page.created'], description: 'crud' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.id;
    const got = await call('GET', `/webhooks/${id}`);
    expect(got.body.secret).toBeUndefined();
    expect(got.body).toMatchObject({ id, url: receiverUrl, events: ['page.created'], description: 'crud' });
    const list = await call('GET', '/webhooks');
    expect(list.body.items.some((w: { id: string; secret?: string }) => w.id === id && w.secret === undefined)).toBe(true);
    expect(list.body).toHaveProperty('next_cursor');
    const patched = await call('PATCH', `/webhooks/${id}`, { events: ['page.updated', 'page.archived'] });
    expect(patched.body.events).toEqual(['page.updated', 'page.archived']);
    expectError(await call('PATCH', `/webhooks/${id}`, { events: ['page.exploded'] }), 400, 'invalid_argument');
    expectError(await call('POST', '/webhooks', { url: 'ftp://x', events: ['page.created'] }), 400, 'invalid_argument');
    expectError(await call('POST', '/webhooks', { url: receiverUrl, events: [] }), 400, 'invalid_argument');
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expectError(await call('GET', `/webhooks/${id}`), 404, 'not_found');
    expectError(await call('GET', `/webhooks/${id}`, undefined, OTHER), 404, 'not_found');
  });

  it('delivers signed page events without blocking the API, and retries after a failure', async () => {
    const hook = (await call('POST', '/webhooks', { url: receiverUrl, events: ['page.created', 'page.updated', 'page.archived'] })).body;
    deliveries.length = 0;
    failNext = 1; // the first delivery fails with a 500
    const created = await call('POST', '/pages', newPage('Hooked'));
    expect(created.status).toBe(201);
    await waitFor(() => deliveries.length >= 2);
    const [first, second] = deliveries;
    expect(first!.status).toBe(500);
    expect(second!.status).toBe(204);
    expect(second!.raw).toBe(first!.raw);
    for (const d of [first!, second!]) {
      const expected = createHmac('sha256', hook.secret).update(d.raw).digest('hex');
      expect(d.headers['x-webhook-signature']).toBe(expected);
    }
    const event = JSON.parse(second!.raw);
    expect(event).toEqual({ id: expect.any(String), type: 'page.created', created_at: expect.any(String), data: { page_id: created.body.id, version: 1 } });
    expect(second!.headers['x-webhook-attempt']).toBe('2');

    await call('PATCH', `/pages/${created.body.id}`, { name: 'Hooked 2' });
    await call('DELETE', `/pages/${created.body.id}`);
    await waitFor(() => deliveries.length >= 4);
    const types = deliveries.slice(2).map((d) => JSON.parse(d.raw));
    expect(types.map((e) => e.type).sort()).toEqual(['page.archived', 'page.updated']);
    expect(types.find((e) => e.type === 'page.archived').data).toEqual({ page_id: created.body.id, version: 3 });
    await call('DELETE', `/webhooks/${hook.id}`);
  });

  it('a receiver that never answers does not slow the API down', async () => {
    const hook = (await call('POST', '/webhooks', { url: 'http://10.255.255.1:9/never', events: ['page.created'] })).body;
    const res = await call('POST', '/pages', newPage('Fast'));
    expect(res.status).toBe(201);
    expect(res.ms).toBeLessThan(1000);
    await call('DELETE', `/webhooks/${hook.id}`);
  });
});

describe('rate limit and a platform without extras', () => {
  let small: ServedLocalPlatform;
  let smallDir: string;

  beforeAll(async () => {
    smallDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-contract-small-'));
    small = await serveLocalPlatform({
      port: 0,
      dir: smallDir,
      rateLimit: { limit: 3, windowSeconds: 3600 },
      keys: [{ key: SMALL, business: 'small', scopes: ['pages:read'] }],
      now: () => new Date('2026-11-15T12:00:30Z'),
      warmBusinesses: [],
    });
  });

  afterAll(async () => {
    await small?.close();
    fs.rmSync(smallDir, { recursive: true, force: true });
  });

  it('429 resource_exhausted with retry_after, error.details.retry_after_seconds and Retry-After', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await call('GET', '/pages', undefined, DEV, {}, small.baseUrl);
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await call('GET', '/pages', undefined, DEV, {}, small.baseUrl);
    expectError(limited, 429, 'resource_exhausted');
    const expected = 3600 - 30; // the window ends at 13:00:00
    expect(limited.body.retry_after).toBe(expected);
    expect(limited.body.error.details.retry_after_seconds).toBe(expected);
    expect(limited.headers.get('retry-after')).toBe(String(expected));
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-11-15T13:00:00Z') / 1000));
  });

  it('validate without a validator is 501; templates default to the six shipped ones', async () => {
    const res = await call('POST', '/pages/validate', { spec: {}, declared_queries: [] }, SMALL, {}, small.baseUrl);
    expectError(res, 501, 'unimplemented');
    const templates = await call('GET', '/pages/templates', undefined, SMALL, {}, small.baseUrl);
    expect(templates.body.items.map((t: { slug: string }) => t.slug)).toEqual([
      'competitive-battlecard',
      'deal-size-distribution',
      'pipeline-funnel',
      'pipeline-health',
      'voice-of-customer',
      'win-rate-gauge',
    ]);
    expect(templates.body.next_cursor).toBeNull();
  });
});

describe('restart', () => {
  it('pages and data survive close() and a reopen of the same directory', async () => {
    const page = (await call('POST', '/pages', newPage('Survivor', ['keep']))).body;
    const updated = (await call('PATCH', `/pages/${page.id}`, { name: 'Survivor 2' })).body;
    const count = (await query('SELECT COUNT(*) AS n FROM interactions')).body.rows[0].n;
    const listBefore = (await call('GET', '/pages?limit=100')).body.items;
    await served.close();
    const started = performance.now();
    served = await startMain();
    base = served.baseUrl;
    console.log(`reopen of both businesses: ${Math.round(performance.now() - started)} ms`, served.platform.databaseStarts());
    expect(served.platform.databaseStarts().demo?.seeded).toBe(false);
    expect((await call('GET', `/pages/${page.id}`)).body).toEqual(updated);
    expect((await call('GET', '/pages?limit=100')).body.items).toEqual(listBefore);
    expect((await query('SELECT COUNT(*) AS n FROM interactions')).body.rows[0].n).toBe(count);
    // the demo pages were not seeded a second time
    const names = listBefore.map((p: { name: string }) => p.name);
    expect(names.filter((n: string) => n === 'Channel health')).toHaveLength(1);
  });
});
