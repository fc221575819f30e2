/**
 * The shared query cache against a real redis-server on loopback, beside the
 * in-process cache in the same run:
 * 1. A hit (a 200-row answer): in-process vs Redis, p50/p95, sequential.
 * 2. A burst: 200 concurrent identical requests spread over 4 instances, the
 *    platform answering in 50 ms. Target: 1 platform call for the burst.
 */
import { QueryCache, type ResultCache } from '../lib/render/query-cache';
import { RedisQueryCache } from '../lib/render/redis-query-cache';
import type { SqlResult } from '../lib/render/run-queries';
import { startRedis } from '../test/redis/redis-server';

const ROWS: SqlResult = {
  columns: [{ name: 'day' }, { name: 'channel' }, { name: 'events' }, { name: 'csat' }],
  rows: Array.from({ length: 200 }, (_, i) => ({ day: `2026-11-${String((i % 30) + 1).padStart(2, '0')}`, channel: ['email', 'chat', 'phone'][i % 3], events: i * 7, csat: 3 + (i % 20) / 10 })),
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function hits(cache: ResultCache, n: number): Promise<{ p50: number; p95: number }> {
  const key = QueryCache.key('key:bench|*', 'SELECT day, channel, events, csat FROM daily');
  await cache.getOrRun(key, ['page:bench'], async () => ROWS);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const answer = await cache.getOrRun(key, ['page:bench'], async () => ROWS);
    times.push(performance.now() - started);
    if (!answer.cached) throw new Error('expected a hit');
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

export async function benchRedisCache(): Promise<void> {
  const redis = await startRedis();
  const instances = Array.from({ length: 4 }, () => new RedisQueryCache({ url: redis.url, ttlMs: 60_000, log: (m) => console.log(`  ${m}`) }));
  try {
    const local = await hits(new QueryCache(60_000), 2_000);
    const shared = await hits(instances[0]!, 2_000);
    console.log('\nQuery cache hit, 200-row answer, sequential (2,000 each):');
    console.log(`  in-process: p50 ${local.p50.toFixed(3)} ms, p95 ${local.p95.toFixed(3)} ms`);
    console.log(`  Redis (loopback, 2 round trips + JSON): p50 ${shared.p50.toFixed(3)} ms, p95 ${shared.p95.toFixed(3)} ms (ratio p50 ${(shared.p50 / local.p50).toFixed(0)}x)`);

    let calls = 0;
    const key = QueryCache.key('key:bench|*', 'SELECT count(*) FROM interactions -- burst');
    const platform = async (): Promise<SqlResult> => {
      calls++;
      await new Promise((r) => setTimeout(r, 50));
      return ROWS;
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => instances[i % instances.length]!.getOrRun(key, ['page:burst'], platform)));
    const wall = performance.now() - started;
    console.log('Burst: 200 concurrent identical requests over 4 instances, platform answers in 50 ms:');
    console.log(`  ${calls} platform call(s), all answered in ${wall.toFixed(0)} ms (target 1 call: ${calls === 1 ? 'met' : 'NOT met'})`);
  } finally {
    await Promise.all(instances.map((c) => c.close()));
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRedisCache();
