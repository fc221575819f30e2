/**
 * 100 viewers on one cached embed for 30 s (autocannon, loopback): no error
 * response, p99 printed, and the platform (counted at the local platform's
 * query log) runs each of the page's queries once per cache TTL, however
 * many viewers there are.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { createPage, mint } from './embed-fixtures';

const TTL_MS = 10_000;
const DURATION_S = 30;
let app: AppServer;
let log: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-load-'));
  log = path.join(dir, 'queries.log');
  app = await startApp({ dir, env: { AMDAHL_QUERY_CACHE_MS: String(TTL_MS), AMDAHL_LOCAL_QUERY_LOG: log } });
});

afterAll(async () => {
  await app?.stop();
});

interface LogLine {
  at: string;
  sql_sha256: string;
}

it(`100 concurrent viewers for ${DURATION_S} s: no errors, one platform call per query per TTL`, { timeout: 180_000 }, async () => {
  const page = await createPage(app.url, {
    name: 'Under load',
    declared_queries: [
      { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' },
      { name: 'totals', source: 'sql', sql: 'SELECT COUNT(*) AS n, ROUND(AVG(csat), 2) AS csat FROM interactions' },
    ],
    spec: {
      version: 1,
      root: {
        type: 'Section',
        props: { title: 'Under load' },
        children: [
          { type: 'Stat', props: { label: 'Interactions', value: { $value: { query: 'totals', field: 'n' } } } },
          { type: 'Table', props: { data: { $query: 'by_channel' } } },
        ],
      },
    },
  });
  const { url } = await mint(app.url, page.id, { audience: 'public' });
  expect((await fetch(url)).status).toBe(200);
  const started = Date.now();
  const result = await autocannon({ url, connections: 100, duration: DURATION_S });
  const ended = Date.now();
  console.log(
    `embed under load: ${result.requests.total} requests in ${DURATION_S} s (${Math.round(result.requests.average)}/s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  expect(result.requests.total).toBeGreaterThan(1000);
  expect(result.non2xx).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);

  const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogLine);
  const during = lines.filter((l) => Date.parse(l.at) >= started && Date.parse(l.at) <= ended);
  const bySql = new Map<string, number[]>();
  for (const l of during) bySql.set(l.sql_sha256, [...(bySql.get(l.sql_sha256) ?? []), Date.parse(l.at)]);
  console.log(`platform calls during the run: ${during.length} (${[...bySql.values()].map((t) => t.length).join(' and ')} per query)`);
  expect(bySql.size).toBe(2);
  for (const times of bySql.values()) {
    expect(times.length).toBeLessThanOrEqual(Math.ceil((DURATION_S * 1000) / TTL_MS) + 1);
    expect(times.length).toBeGreaterThanOrEqual(Math.floor((DURATION_S * 1000) / TTL_MS) - 1);
    // Never two calls for the same query inside one TTL: the cache and single flight hold under load.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(TTL_MS - 50);
  }
});
