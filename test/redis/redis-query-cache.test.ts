/**
 * The shared query cache against a real redis-server: answers kept for the TTL
 * (Redis expires them), never shared across identities or slices, dropped by
 * page for every instance, one call for a crowd spread over instances, and
 * rendering goes on (with one log line) when Redis is down or frozen.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QueryCache } from '../../lib/render/query-cache';
import { queryCacheFromEnv } from '../../lib/render/query-cache-from-env';
import { RedisQueryCache, shownRedisUrl, type RedisQueryCacheOptions } from '../../lib/render/redis-query-cache';
import type { SqlResult } from '../../lib/render/run-queries';
import { freePort, startRedis, type RedisServer } from './redis-server';

let server: RedisServer;
let admin: Redis;
const open: RedisQueryCache[] = [];

beforeAll(async () => {
  server = await startRedis();
  admin = new Redis(server.url);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await admin.flushall();
});

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

/** One app instance's cache: its own client and in-process state. */
function instance(options: Partial<RedisQueryCacheOptions> & { logs?: string[] } = {}): RedisQueryCache {
  const { logs, ...rest } = options;
  const cache = new RedisQueryCache({ url: server.url, ttlMs: 5_000, timeoutMs: 300, retryAfterMs: 200, log: (m) => logs?.push(m), ...rest });
  open.push(cache);
  return cache;
}

/** A platform stand-in that counts calls and can hold them until released. */
function platform(delayMs = 0) {
  const calls: string[] = [];
  return {
    calls,
    run: (label: string, fail = false) => async (): Promise<SqlResult> => {
      calls.push(label);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (fail) throw Object.assign(new Error(`${label} failed`), { code: 'query_failed' });
      return { rows: [{ who: label, n: calls.length }] };
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RedisQueryCache', () => {
  it('keeps an answer for the TTL in Redis (PX), then asks the platform again', async () => {
    const cache = instance({ ttlMs: 400 });
    const p = platform();
    const key = QueryCache.key('key:a|*', 'SELECT 1');
    const first = await cache.getOrRun(key, [], p.run('first'));
    expect(first).toEqual({ value: { rows: [{ who: 'first', n: 1 }] }, cached: false });
    const second = await cache.getOrRun(key, [], p.run('second'));
    expect(second).toEqual({ value: { rows: [{ who: 'first', n: 1 }] }, cached: true });
    const keys = await admin.keys('amdahl:qc:q:*');
    expect(keys.filter((k) => !k.endsWith(':lock'))).toHaveLength(1);
    const pttl = await admin.pttl(keys.find((k) => !k.endsWith(':lock'))!);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(400);
    await sleep(450);
    const third = await cache.getOrRun(key, [], p.run('third'));
    expect(third.cached).toBe(false);
    expect(p.calls).toEqual(['first', 'third']);
  });

  it('never serves one identity\'s or slice\'s answer to another, across instances', async () => {
    const a = instance();
    const b = instance();
    const p = platform();
    const sql = 'SELECT channel FROM interactions';
    const mine = await a.getOrRun(QueryCache.key('key:a|*', sql), [], p.run('a'));
    const otherIdentity = await b.getOrRun(QueryCache.key('key:b|*', sql), [], p.run('b'));
    const otherSlice = await b.getOrRun(QueryCache.key('key:a|{"channel":["email"]}', sql), [], p.run('a-email'));
    const sameAsMine = await b.getOrRun(QueryCache.key('key:a|*', sql), [], p.run('a-again'));
    expect([mine.value.rows[0]!.who, otherIdentity.value.rows[0]!.who, otherSlice.value.rows[0]!.who]).toEqual(['a', 'b', 'a-email']);
    expect([otherIdentity.cached, otherSlice.cached]).toEqual([false, false]);
    expect(sameAsMine).toEqual({ value: mine.value, cached: true });
    expect(p.calls).toEqual(['a', 'b', 'a-email']);
  });

  it('a page\'s invalidation on one instance drops its answers on all, and a call in flight then stores nothing later readers get', async () => {
    const a = instance({ ttlMs: 60_000 });
    const b = instance({ ttlMs: 60_000 });
    const p = platform();
    await a.getOrRun(QueryCache.key('s', 'q1'), ['page:1'], p.run('q1'));
    await a.getOrRun(QueryCache.key('s', 'q2'), ['page:2'], p.run('q2'));
    expect((await b.getOrRun(QueryCache.key('s', 'q1'), ['page:1'], p.run('q1-b'))).cached).toBe(true);
    b.invalidate('page:1');
    // The INCR is sent before any later command on b's connection; a's next lookup comes after it too.
    await sleep(20);
    expect((await a.getOrRun(QueryCache.key('s', 'q1'), ['page:1'], p.run('q1-after'))).cached).toBe(false);
    expect((await a.getOrRun(QueryCache.key('s', 'q2'), ['page:2'], p.run('q2-after'))).cached).toBe(true);

    // A slow call that started before the page changed.
    const slow = platform(300);
    const inFlight = a.getOrRun(QueryCache.key('s', 'q3'), ['page:1'], slow.run('old'));
    await sleep(50);
    b.invalidate('page:1');
    expect((await inFlight).value.rows[0]!.who).toBe('old');
    const next = await b.getOrRun(QueryCache.key('s', 'q3'), ['page:1'], slow.run('new'));
    expect(next).toMatchObject({ cached: false, value: { rows: [{ who: 'new' }] } });
    expect(p.calls).toEqual(['q1', 'q2', 'q1-after']);
  });

  it('concurrent identical requests on two instances make one platform call', async () => {
    const a = instance();
    const b = instance();
    const p = platform(200);
    const key = QueryCache.key('key:a|*', 'SELECT count(*) FROM interactions');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getOrRun(key, ['page:x'], p.run(`call-${i}`))));
    console.log(`cross-instance single flight: 20 concurrent requests on 2 instances -> ${p.calls.length} platform call(s)`);
    expect(p.calls).toHaveLength(1);
    expect(new Set(answers.map((x) => JSON.stringify(x.value))).size).toBe(1);
    expect(answers.filter((x) => !x.cached)).toHaveLength(1);
    expect(a.calls + b.calls).toBe(1);
  });

  it('when the leader\'s call fails, the waiters on the other instance lead once themselves instead of waiting out the lock', async () => {
    const a = instance();
    const b = instance();
    const key = QueryCache.key('s', 'flaky');
    const failing = platform(150);
    const working = platform(50);
    const fromA = a.getOrRun(key, [], failing.run('a', true)).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await sleep(30);
    const started = Date.now();
    const fromB = await Promise.all([b.getOrRun(key, [], working.run('b1')), b.getOrRun(key, [], working.run('b2'))]);
    expect(await fromA).toBe('a failed');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(working.calls).toEqual(['b1']);
    expect(fromB.map((x) => x.value.rows[0]!.who)).toEqual(['b1', 'b1']);
  });

  it('with no Redis listening it still answers from the platform, logging the outage once', async () => {
    const logs: string[] = [];
    const cache = instance({ url: `redis://127.0.0.1:${await freePort()}`, logs });
    const p = platform();
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const answer = await cache.getOrRun(QueryCache.key('s', 'q'), ['page:1'], p.run(`call-${i}`));
      expect(answer).toMatchObject({ cached: false, value: { rows: [{ who: `call-${i}` }] } });
    }
    cache.invalidate('page:1');
    expect(p.calls).toHaveLength(5);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(logs.filter((l) => l.includes('unavailable'))).toHaveLength(1);
    expect(logs[0]).toMatch(/Redis query cache at redis:\/\/127\.0\.0\.1:\d+\/? unavailable .*queries go to the platform/);
  });

  it('a frozen Redis costs a command timeout, not a hang; when it thaws the cache is used again', async () => {
    const logs: string[] = [];
    const cache = instance({ logs, timeoutMs: 200, retryAfterMs: 200 });
    const p = platform();
    const key = QueryCache.key('s', 'frozen');
    await cache.getOrRun(key, [], p.run('before'));
    server.pause();
    try {
      const started = Date.now();
      const answer = await cache.getOrRun(key, [], p.run('during'));
      const tookMs = Date.now() - started;
      console.log(`frozen Redis: answered from the platform in ${tookMs} ms (command timeout 200 ms)`);
      expect(answer).toMatchObject({ cached: false, value: { rows: [{ who: 'during' }] } });
      expect(tookMs).toBeLessThan(2_000);
      // Inside the pause after a failure Redis is not asked at all.
      const again = Date.now();
      await cache.getOrRun(key, [], p.run('during-2'));
      expect(Date.now() - again).toBeLessThan(150);
    } finally {
      server.resume();
    }
    expect(logs.filter((l) => l.includes('unavailable'))).toHaveLength(1);
    await sleep(300);
    const back = await cache.getOrRun(key, [], p.run('after'));
    expect(back).toMatchObject({ cached: true, value: { rows: [{ who: 'before' }] } });
    expect(logs.at(-1)).toMatch(/is back$/);
    expect(p.calls).toEqual(['before', 'during', 'during-2']);
  });

  it('is chosen by REDIS_URL, and its password never reaches a log line', async () => {
    expect(queryCacheFromEnv({}, { ttlMs: 5_000 })).toBeInstanceOf(QueryCache);
    const shared = queryCacheFromEnv({ REDIS_URL: server.url }, { ttlMs: 5_000 });
    try {
      expect(shared).toBeInstanceOf(RedisQueryCache);
    } finally {
      await shared.close?.();
    }
    expect(shownRedisUrl('redis://:s3cret-pass@cache.internal:6380/2')).toBe('redis://:***@cache.internal:6380/2');
    expect(shownRedisUrl('redis://user:s3cret-pass@cache.internal:6380')).not.toContain('s3cret');
  });
});
