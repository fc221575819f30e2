/**
 * Two real app servers (the production build, as `npm run studio` runs it)
 * behind an imagined load balancer, sharing one redis-server and one platform
 * (the local one served on its own port, reached through AMDAHL_URL): their
 * view pages, requested concurrently on both, make one platform call per
 * query per TTL between them. With Redis stopped they still answer, and say
 * so in the server log.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';
import { startRedis, type RedisServer } from '../redis/redis-server';
import { startApp, type AppServer } from './app-server';

const TTL_MS = 1_500;
const LOAD_MS = 4_000;
const SQL = 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel';

let redis: RedisServer;
let platform: ServedLocalPlatform;
let apps: AppServer[] = [];
let queryLog: string;
let pageId: string;

const calls = () =>
  readFileSync(queryLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { at: string; sql_sha256: string })
    .filter((line) => line.sql_sha256 === createHash('sha256').update(SQL).digest('hex'))
    .map((line) => Date.parse(line.at));

beforeAll(async () => {
  redis = await startRedis();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-redis-apps-'));
  queryLog = path.join(dir, 'queries.jsonl');
  writeFileSync(queryLog, '');
  platform = await serveLocalPlatform({ port: 0, host: '127.0.0.1', dir, queryLog, initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar') });
  const res = await fetch(`${platform.baseUrl}/pages`, {
    method: 'POST',
    headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Behind a load balancer',
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: SQL }],
      spec: { version: 1, root: { type: 'Section', props: { title: 'Behind a load balancer' }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
    }),
  });
  pageId = ((await res.json()) as { id: string }).id;
  const env = { AMDAHL_URL: platform.url, API_KEY: 'amdhl_local_dev', REDIS_URL: redis.url, AMDAHL_QUERY_CACHE_MS: String(TTL_MS) };
  apps = await Promise.all([startApp({ env }), startApp({ env })]);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await platform?.close();
  await redis?.stop();
});

describe('two app servers sharing one redis-server', () => {
  it('make one platform call per query per TTL between them; with Redis gone they still answer and log it', async () => {
    // Warm both servers (first request compiles nothing in production, but opens connections), then start counting.
    for (const app of apps) expect((await fetch(`${app.url}/pages/${pageId}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    const before = calls().length;
    const started = Date.now();
    let views = 0;
    const worker = async (app: AppServer) => {
      while (Date.now() - started < LOAD_MS) {
        const res = await fetch(`${app.url}/pages/${pageId}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toMatch(/>email</);
        views++;
      }
    };
    await Promise.all(apps.flatMap((app) => [worker(app), worker(app), worker(app)]));
    const elapsed = Date.now() - started;
    const times = calls().slice(before);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    console.log(`two app servers + Redis: ${views} views over ${elapsed} ms (TTL ${TTL_MS} ms) -> ${times.length} platform calls for by_channel (gaps ${gaps.join(', ')} ms)`);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(elapsed / TTL_MS) + 1);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(TTL_MS - 5);

    await redis.stop();
    for (const app of apps) {
      const res = await fetch(`${app.url}/pages/${pageId}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/>email</);
    }
    for (const app of apps) expect(app.logs().match(/Redis query cache at redis:\/\/127\.0\.0\.1:\d+\/? unavailable/g) ?? []).toHaveLength(1);
  });
});
