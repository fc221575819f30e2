/**
 * POST /search/query and POST /search/kb (CONTRACT.md, "Search") against the
 * local platform over real HTTP: the seeded corpus of the business `other`,
 * ranked by PostgreSQL full-text search.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ANCHOR } from '../../lib/local-platform/seed';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';

const KEY = 'amdhl_' + 'a7'.repeat(16); // other: data:read
const EMAIL_ONLY = 'amdhl_' + 'b8'.repeat(16); // other: data:read, its own slice: email
const NO_DATA = 'amdhl_' + 'c9'.repeat(16); // other: pages only
const TEMPLATE_FILE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');
const SEMANTIC_KEYS = ['company_id', 'content_preview', 'id', 'occurred_at', 'similarity', 'source_row_id', 'speaker_type'];

let dir: string;
let served: ServedLocalPlatform;

async function call(p: string, body: unknown, key = KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(served.baseUrl + p, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const search = (body: Record<string, unknown>, key = KEY) => call('/search/query', body, key);

/** The interactions behind some matches, read back through user SQL. */
async function interactions(ids: number[]): Promise<Record<string, unknown>[]> {
  const res = await call('/data/query', { sql: `SELECT id, channel, topic, direction, customer_id, occurred_at FROM interactions WHERE id IN (${ids.join(', ')}) ORDER BY id` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows;
}

function expectRefused(res: { status: number; body: any }, pattern: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('invalid_argument');
  expect(res.body.error.message).toMatch(pattern);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-search-'));
  served = await serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir,
    initdbTemplate: TEMPLATE_FILE,
    warmBusinesses: ['other'],
    keys: [
      { key: KEY, business: 'other', scopes: ['data:read'], name: 'reader' },
      { key: EMAIL_ONLY, business: 'other', scopes: ['data:read'], name: 'email-team', rules: { channel: ['email'] } },
      { key: NO_DATA, business: 'other', scopes: ['pages:read'], name: 'no-data' },
    ],
  });
}, 180_000);

afterAll(async () => {
  await served?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('POST /search/query', () => {
  it('answers the documented shape and says honestly what ran: full-text search over the seeded corpus', async () => {
    const res = await search({ query: 'damaged parcel', mode: 'semantic', limit: 5 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.mode_ran).toBe('fulltext');
    expect(res.body.freshness).toEqual({ source: 'local-fts', synced_at: SEED_ANCHOR });
    expect(typeof res.body.timing.total_ms).toBe('number');
    expect(res.body.results).toHaveLength(5);
    for (const r of res.body.results) expect(Object.keys(r).sort()).toEqual(SEMANTIC_KEYS);
  });

  it('ranks notes holding every word first, and they are about the topic asked', async () => {
    const res = await search({ query: 'parcel arrived damaged', limit: 10 });
    const results = res.body.results as { content_preview: string; similarity: number; source_row_id: number }[];
    expect(results).toHaveLength(10);
    for (const r of results) expect(r.content_preview).toMatch(/parcel arrived damaged/);
    const scores = results.map((r) => r.similarity);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rows = await interactions(results.map((r) => r.source_row_id));
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set(['shipping']));

    // A question in plain words: matches on some words rank below matches on all.
    const loose = await search({ query: 'what do buyers say about a refund for a duplicate charge?', limit: 30 });
    const previews = (loose.body.results as { content_preview: string; similarity: number }[]).map((r) => r.content_preview);
    expect(previews[0]).toMatch(/refund of a duplicate charge/);
    const firstPartial = previews.findIndex((p) => !/refund of a duplicate charge/.test(p));
    if (firstPartial >= 0) expect(previews.slice(firstPartial).some((p) => /refund of a duplicate charge/.test(p))).toBe(false);
  });

  it('takes limit from 1 to 100 (default 20)', async () => {
    expect((await search({ query: 'late delivery', limit: 3 })).body.results).toHaveLength(3);
    expect((await search({ query: 'late delivery' })).body.results).toHaveLength(20);
    expectRefused(await search({ query: 'late delivery', limit: 0 }), /limit/);
    expectRefused(await search({ query: 'late delivery', limit: 101 }), /limit/);
    expectRefused(await search({ query: '   ' }), /query/);
  });

  it('applies the filters the semantic lane allows', async () => {
    const external = await search({ query: 'return label', limit: 25, filters: [{ field: 'speaker_type', op: 'eq', value: 'external' }] });
    expect(external.status, JSON.stringify(external.body)).toBe(200);
    expect(external.body.results.length).toBeGreaterThan(0);
    for (const r of external.body.results) expect(r.speaker_type).toBe('external');
    const rows = await interactions(external.body.results.map((r: { source_row_id: number }) => r.source_row_id));
    expect(new Set(rows.map((r) => r.direction))).toEqual(new Set(['inbound']));

    const from = '2026-09-01T00:00:00.000Z';
    const to = '2026-09-15T00:00:00.000Z';
    const window = await search({ query: 'password reset', limit: 25, filters: [{ field: 'occurred_at', op: 'between', value: [from, to] }] });
    expect(window.body.results.length).toBeGreaterThan(0);
    for (const r of window.body.results) expect(r.occurred_at >= from && r.occurred_at <= to, r.occurred_at).toBe(true);
    const after = await search({ query: 'password reset', limit: 25, filters: [{ field: 'occurred_at', op: 'gte', value: '2026-10-20' }] });
    for (const r of after.body.results) expect(r.occurred_at >= '2026-10-20').toBe(true);

    const companies = [...new Set((await search({ query: 'invoice', limit: 40 })).body.results.map((r: { company_id: string }) => r.company_id))].slice(0, 2) as string[];
    expect(companies).toHaveLength(2);
    const some = await search({ query: 'invoice', limit: 50, filters: [{ field: 'company_id', op: 'in', value: companies }] });
    expect(some.body.results.length).toBeGreaterThan(0);
    for (const r of some.body.results) expect(companies).toContain(r.company_id);
    const one = await search({ query: 'invoice', filters: [{ field: 'company_id', op: 'eq', value: companies[0] }] });
    for (const r of one.body.results) expect(r.company_id).toBe(companies[0]);
  });

  it('refuses any other filter, operator or mode with invalid_argument naming what is supported', async () => {
    const channel = await search({ query: 'refund', mode: 'semantic', filters: [{ field: 'channel', op: 'eq', value: 'email' }] });
    expectRefused(channel, /filters\[0\].*cannot filter on "channel".*company_id \(eq, in\), occurred_at \(gte, gt, lte, lt, between\), speaker_type \(eq\)/);
    expect(channel.body.error.details.supported_filters).toEqual({ company_id: ['eq', 'in'], occurred_at: ['gte', 'gt', 'lte', 'lt', 'between'], speaker_type: ['eq'] });
    expectRefused(await search({ query: 'refund', filters: [{ field: 'speaker_type', op: 'in', value: ['external'] }] }), /speaker_type takes eq, not "in"/);
    expectRefused(await search({ query: 'refund', filters: [{ field: 'occurred_at', op: 'gte', value: 'last tuesday' }] }), /date or timestamp/);
    expectRefused(await search({ query: 'refund', filters: [{ field: 'occurred_at', op: 'between', value: ['2026-01-01'] }] }), /\[from, to\]/);
    expectRefused(await search({ query: 'refund', filters: [{ field: 'company_id', op: 'in', value: [] }] }), /list/);
    expectRefused(await search({ query: 'refund', mode: 'fuzzy' }), /mode "fuzzy"/);
    expectRefused(await search({ query: 'refund', sort: 'date' }), /unknown field "sort"/);
  });

  it('searches only what the key may see: a sliced key finds only its own channel', async () => {
    const res = await search({ query: 'refund duplicate charge', limit: 30 }, EMAIL_ONLY);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.applied_rules).toEqual({ channel: ['email'] });
    expect(res.body.results.length).toBeGreaterThan(0);
    const rows = await interactions(res.body.results.map((r: { source_row_id: number }) => r.source_row_id));
    expect(rows).toHaveLength(res.body.results.length);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['email']));
    // The unsliced key finds other channels for the same words, so the slice did the narrowing.
    const all = await search({ query: 'refund duplicate charge', limit: 30 });
    const allRows = await interactions(all.body.results.map((r: { source_row_id: number }) => r.source_row_id));
    expect(new Set(allRows.map((r) => r.channel)).size).toBeGreaterThan(1);
  });

  it('needs data:read', async () => {
    const res = await search({ query: 'refund' }, NO_DATA);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('permission_denied');
  });

  it('user SQL still reaches interactions only: the corpus is not on its allow-list', async () => {
    const res = await call('/data/query', { sql: 'SELECT body FROM amdahl_search.notes LIMIT 1' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_argument');
  });
});

describe('POST /search/kb', () => {
  it('answers {results: [{id, title, snippet, score}]}, the best-matching article first', async () => {
    const res = await call('/search/kb', { query: 'how do I return an item', limit: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body)).toEqual(['results']);
    expect(res.body.results).toHaveLength(3);
    for (const r of res.body.results) {
      expect(Object.keys(r).sort()).toEqual(['id', 'score', 'snippet', 'title']);
      expect(r.snippet.length).toBeGreaterThan(0);
    }
    expect(res.body.results[0].id).toBe('returns-how-to');
    const scores = res.body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const damaged = await call('/search/kb', { query: 'parcel damaged' });
    expect(damaged.body.results[0].title).toBe('My parcel arrived damaged');
    expect(damaged.body.results.length).toBeLessThanOrEqual(10);
  });

  it('refuses a bad body and needs data:read', async () => {
    expectRefused(await call('/search/kb', { query: '' }), /query/);
    expectRefused(await call('/search/kb', { query: 'refund', limit: 500 }), /limit/);
    expectRefused(await call('/search/kb', { query: 'refund', filters: [] }), /unknown field "filters"/);
    expect((await call('/search/kb', { query: 'refund' }, NO_DATA)).status).toBe(403);
  });

  it('a question of stop words only finds nothing, without an error', async () => {
    const res = await call('/search/kb', { query: 'the and of' });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
  });
});
