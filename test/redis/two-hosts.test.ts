/**
 * The must-show: two app instances (two hosts, each with its own
 * in-process state) sharing one redis-server make one platform call per query
 * per TTL between them, while both render the same page concurrently and
 * again and again. The platform is the local one served over HTTP on its own
 * port (both hosts reach it through AMDAHL_URL); its query log counts the
 * calls it really received. The same load on two hosts without Redis is the
 * comparison, in the same run.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';
import { startRedis, type RedisServer } from './redis-server';

const TTL_MS = 1_000;
const LOAD_MS = 2_600;
const WORKERS_PER_HOST = 4;
const QUERIES = {
  by_channel: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel',
  total: 'SELECT COUNT(*) AS events FROM interactions',
};

let redis: RedisServer;
let platform: ServedLocalPlatform;
let queryLog: string;
let pageId: string;
const hosts: Host[] = [];

interface LogLine {
  at: string;
  sql_sha256: string;
}

function logLines(): LogLine[] {
  return readFileSync(queryLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function twoHosts(env: Record<string, string>): Host[] {
  const made = [0, 1].map(() => createHost({ catalog, env: { AMDAHL_URL: platform.url, API_KEY: 'amdhl_local_dev', AMDAHL_QUERY_CACHE_MS: String(TTL_MS), ...env } }));
  hosts.push(...made);
  return made;
}

/** Every worker on every host renders the stored page, again and again, for LOAD_MS. Returns how many renders ran. */
async function load(pair: Host[]): Promise<number> {
  const until = Date.now() + LOAD_MS;
  let renders = 0;
  const worker = async (host: Host) => {
    while (Date.now() < until) {
      const data = await host.render(await host.getPage(pageId));
      for (const name of Object.keys(QUERIES)) expect(data.outcomes[name]?.ok, JSON.stringify(data.outcomes[name])).toBe(true);
      renders++;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await Promise.all(pair.flatMap((host) => Array.from({ length: WORKERS_PER_HOST }, () => worker(host))));
  return renders;
}

/** Platform calls per query among the log lines after `from`, with their times. */
function callsSince(from: number): Record<string, number[]> {
  const lines = logLines().slice(from);
  const out: Record<string, number[]> = {};
  for (const [name, sql] of Object.entries(QUERIES)) {
    const digest = sha256(sql);
    out[name] = lines.filter((l) => l.sql_sha256 === digest).map((l) => Date.parse(l.at));
  }
  return out;
}

beforeAll(async () => {
  redis = await startRedis();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-two-hosts-'));
  queryLog = path.join(dir, 'queries.jsonl');
  writeFileSync(queryLog, '');
  platform = await serveLocalPlatform({ port: 0, host: '127.0.0.1', dir, queryLog, initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar') });
  const res = await fetch(`${platform.baseUrl}/pages`, {
    method: 'POST',
    headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Shared cache target',
      declared_queries: Object.entries(QUERIES).map(([name, sql]) => ({ name, source: 'sql', sql })),
      spec: {
        version: 1,
        root: { type: 'Section', props: { title: 'Shared cache target' }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }, { type: 'Table', props: { data: { $query: 'total' } } }] },
      },
    }),
  });
  expect(res.status).toBe(201);
  pageId = ((await res.json()) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  await platform?.close();
  await redis?.stop();
});

describe('two app instances sharing one redis-server', () => {
  it('make one platform call per query per TTL between them, and a page change on one reaches the other', async () => {
    const [a, b] = twoHosts({ REDIS_URL: redis.url });
    // The first render in a process loads the SQL parser and connects to Redis: warm up, then let the answers expire.
    for (const host of [a!, b!]) await host.render(await host.getPage(pageId));
    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    const before = logLines().length;
    const started = Date.now();
    const renders = await load([a!, b!]);
    const elapsed = Date.now() - started;
    const shared = callsSince(before);

    const beforeAlone = logLines().length;
    const rendersAlone = await load(twoHosts({}));
    const alone = callsSince(beforeAlone);

    const windows = Math.ceil(elapsed / TTL_MS);
    for (const name of Object.keys(QUERIES)) {
      const times = shared[name]!;
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      console.log(
        `${name}: ${renders} renders over ${elapsed} ms (TTL ${TTL_MS} ms) on 2 hosts + Redis -> ${times.length} platform calls (gaps ${gaps.join(', ')} ms); ` +
          `${rendersAlone} renders on 2 hosts with in-process caches only -> ${alone[name]!.length} calls (gaps ${alone[name]!.slice(1).map((t, i) => t - alone[name]![i]!).join(', ')} ms)`,
      );
      // One call per TTL between both hosts: each call comes a full TTL after the previous one (its answer lived that long).
      expect(times.length).toBeGreaterThanOrEqual(2);
      expect(times.length).toBeLessThanOrEqual(windows + 1);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(TTL_MS - 5);
      // Without Redis each host asks for itself: two calls for the same query inside one TTL.
      const aloneTimes = alone[name]!;
      expect(Math.min(...aloneTimes.slice(1).map((t, i) => t - aloneTimes[i]!))).toBeLessThan(TTL_MS);
    }

    // A page change seen by one instance (a webhook lands on one of them) drops the answers for both.
    // A TTL of a minute here: only the invalidation can make the next render ask the platform.
    const [c, d] = twoHosts({ REDIS_URL: redis.url, AMDAHL_QUERY_CACHE_MS: '60000' });
    const stored = await d!.getPage(pageId);
    await d!.render(stored);
    expect(Object.values((await c!.render(stored)).outcomes).every((o) => o.ok && o.cached)).toBe(true);
    const beforeChange = logLines().length;
    c!.invalidatePage(pageId);
    await new Promise((r) => setTimeout(r, 20));
    const afterChange = await d!.render(stored);
    expect(Object.values(afterChange.outcomes).every((o) => o.ok && !o.cached)).toBe(true);
    expect(Object.values((await c!.render(stored)).outcomes).every((o) => o.ok && o.cached)).toBe(true);
    const fresh = callsSince(beforeChange);
    expect(Object.values(fresh).map((t) => t.length)).toEqual([1, 1]);
  }, 60_000);
});
