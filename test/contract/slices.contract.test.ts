/**
 * Data slices on the local platform, over real HTTP: a slice (a request's
 * `rules`, a key's own `rules`, an embed token's) narrows the rows of
 * interactions inside the database, however the SQL is written; minting
 * clamps a `self` token to its key and checks params and versions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';

const DEV = 'amdhl_local_dev';
const EMAIL_ONLY = 'amdhl_' + 'e5'.repeat(16); // demo, data:read + pages:read, its own slice: email
const NO_DATA = 'amdhl_' + 'f6'.repeat(16); // demo, pages only
const TEMPLATE_FILE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');

let served: ServedLocalPlatform;

async function call(method: string, p: string, body?: unknown, key = DEV) {
  const res = await fetch(served.baseUrl + p, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const query = (sql: string, rules?: unknown, key = DEV) => call('POST', '/data/query', rules === undefined ? { sql } : { sql, rules }, key);

/** Statements that try to reach rows outside the slice: a subquery, a CTE, a UNION, a self-join, a lateral join. */
const ESCAPES = [
  "SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel",
  "SELECT channel, n FROM (SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel) q",
  "WITH everything AS (SELECT * FROM interactions) SELECT channel, COUNT(*) AS n FROM everything GROUP BY channel",
  "SELECT 'email' AS channel, COUNT(*) AS n FROM interactions WHERE channel = 'email' UNION ALL SELECT 'phone', COUNT(*) FROM interactions WHERE channel = 'phone'",
  "SELECT a.channel, COUNT(*) AS n FROM interactions a JOIN interactions b ON b.id = a.id + 1 GROUP BY a.channel",
  "SELECT x.channel, COUNT(*) AS n FROM (SELECT 1) s, LATERAL (SELECT channel FROM interactions WHERE channel <> 'email') x GROUP BY x.channel",
  "SELECT channel, COUNT(*) AS n FROM interactions WHERE id IN (SELECT id FROM interactions WHERE channel = 'phone') GROUP BY channel",
];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-slices-'));
  served = await serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir,
    initdbTemplate: TEMPLATE_FILE,
    keys: [
      { key: EMAIL_ONLY, business: 'demo', scopes: ['data:read', 'pages:read'], name: 'email-team', rules: { channel: ['email'] } },
      { key: NO_DATA, business: 'demo', scopes: ['pages:read', 'pages:write'], name: 'no-data' },
    ],
  });
});

afterAll(async () => {
  await served?.close();
});

describe('a slice is enforced in the database', () => {
  it('every way of writing the SQL sees only the slice, and the answer names the slice applied', async () => {
    const all = await query(ESCAPES[0]!);
    const emailTotal = all.body.rows.find((r: any) => r.channel === 'email').n as number;
    expect(all.body.rows.length).toBe(6);
    expect(all.body.applied_rules).toBeUndefined();
    for (const sql of ESCAPES) {
      const res = await query(sql, { channel: 'email' });
      expect(res.status, sql + JSON.stringify(res.body)).toBe(200);
      expect(res.body.applied_rules).toEqual({ channel: ['email'] });
      const channels = new Set(res.body.rows.filter((r: any) => Number(r.n) > 0).map((r: any) => r.channel));
      expect([...channels].every((c) => c === 'email'), `${sql} saw ${[...channels]}`).toBe(true);
    }
    const total = await query('SELECT COUNT(*) AS n FROM interactions', { channel: 'email' });
    expect(total.body.rows[0].n).toBe(emailTotal);
    // Two columns narrow together.
    const both = await query('SELECT COUNT(*) AS n FROM interactions', { channel: ['email', 'chat'], topic: 'billing' });
    const direct = await query("SELECT COUNT(*) AS n FROM interactions WHERE channel IN ('email', 'chat') AND topic = 'billing'");
    expect(both.body.rows[0].n).toBe(direct.body.rows[0].n);
  });

  it('the slice cannot be read around: set_config is refused and the next statement is unsliced again', async () => {
    const res = await query("SELECT set_config('amdahl.slice', '', true) AS s", { channel: 'email' });
    expect(res.status).toBe(400);
    const after = await query('SELECT COUNT(DISTINCT channel) AS n FROM interactions');
    expect(after.body.rows[0].n).toBe(6);
  });

  it('refuses a slice it cannot enforce, naming it', async () => {
    const res = await query('SELECT 1 AS x FROM interactions LIMIT 1', { amount: '10' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/rules\.amount: cannot be enforced/);
    expect((await query('SELECT 1 AS x', { channel: [] })).status).toBe(400);
  });

  it("a key's own slice always applies, and asking past it is refused", async () => {
    const own = await query('SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel', undefined, EMAIL_ONLY);
    expect(own.body.rows.map((r: any) => r.channel)).toEqual(['email']);
    expect(own.body.applied_rules).toEqual({ channel: ['email'] });
    const narrower = await query('SELECT channel FROM interactions GROUP BY channel', { channel: ['email', 'chat'] }, EMAIL_ONLY);
    expect(narrower.body.applied_rules).toEqual({ channel: ['email'] });
    const outside = await query('SELECT 1 AS x', { channel: 'phone' }, EMAIL_ONLY);
    expect(outside.status).toBe(403);
  });
});

describe('minting', () => {
  async function page() {
    const res = await call('POST', '/pages', {
      name: 'Slice me',
      declared_queries: [
        { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS n FROM interactions WHERE duration_s > @min GROUP BY channel', params: { min: 'integer' } },
        { name: 'pick', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions WHERE topic = @topic', params: { topic: 'string' } },
      ],
      spec: { version: 1, root: { type: 'Table', props: { data: { $query: 'by_channel' } } } },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it("clamps a self token to its key's slice and refuses what the key cannot see", async () => {
    const p = await page();
    const mint = async (body: object, key = EMAIL_ONLY) => call('POST', `/pages/${p.id}/embed-token`, { audience: 'self', ...body }, key);
    const plain = await mint({});
    expect(plain.status).toBe(200);
    expect(await served.platform.verifyEmbedToken(plain.body.token)).toMatchObject({ rules: { channel: ['email'] }, mintedBy: 'email-team', business: 'demo' });
    const narrowed = await mint({ rules: { topic: 'billing', channel: ['email', 'chat'] } });
    expect(await served.platform.verifyEmbedToken(narrowed.body.token)).toMatchObject({ rules: { channel: ['email'], topic: ['billing'] } });
    const empty = await mint({ rules: { channel: 'phone' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/rules\.channel/);
    expect((await mint({}, NO_DATA)).status).toBe(403);
    expect((await mint({ audience: 'workspace' })).status).toBe(403);
    // An admin's workspace token is not clamped to the admin key's own slice (the dev key has none).
    const workspace = await call('POST', `/pages/${p.id}/embed-token`, { audience: 'workspace' });
    expect((await served.platform.verifyEmbedToken(workspace.body.token))!.rules).toBeUndefined();
  });

  it('pins params the page declares, with values it accepts, and pins a version only if current', async () => {
    const p = await page();
    const mint = (body: object) => call('POST', `/pages/${p.id}/embed-token`, { audience: 'self', ...body });
    const ok = await mint({ params: { min: 30, topic: 'billing' }, page_version: p.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await served.platform.verifyEmbedToken(ok.body.token)).toMatchObject({ params: { min: '30', topic: 'billing' }, pageVersion: p.version });
    expect((await mint({ params: { min: 'lots' } })).status).toBe(400);
    expect((await mint({ params: { region: 'eu' } })).body.error.message).toMatch(/not declared/);
    const stale = await mint({ page_version: p.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('failed_precondition');
  });
});
