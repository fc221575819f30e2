/** The render path's query cache: keyed by who asks and what, one platform call for a crowd, dropped by page. */
import { describe, expect, it } from 'vitest';
import { QueryCache } from '../../lib/render/query-cache';
import { runQueries } from '../../lib/render/run-queries';
import type { RenderPlan } from '../../lib/render/plan';

function counter() {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    calls,
    release: () => release(),
    run: (label: string, wait = false) => async () => {
      calls.push(label);
      if (wait) await gate;
      return { rows: [{ who: label }] };
    },
  };
}

describe('QueryCache', () => {
  it('concurrent identical requests share one call; another identity or slice never gets that answer', async () => {
    const cache = new QueryCache(5_000);
    const c = counter();
    const key = QueryCache.key('key:a|*', 'SELECT 1');
    const crowd = Promise.all(Array.from({ length: 50 }, () => cache.getOrRun(key, [], c.run('a', true))));
    const otherIdentity = cache.getOrRun(QueryCache.key('key:b|*', 'SELECT 1'), [], c.run('b'));
    const otherSlice = cache.getOrRun(QueryCache.key('key:a|{"channel":["email"]}', 'SELECT 1'), [], c.run('a-email'));
    c.release();
    const answers = await crowd;
    expect(c.calls.sort()).toEqual(['a', 'a-email', 'b']);
    expect(answers.every((a) => a.value.rows[0]!.who === 'a')).toBe(true);
    expect(answers.filter((a) => !a.cached)).toHaveLength(1);
    expect((await otherIdentity).value.rows[0]!.who).toBe('b');
    expect((await otherSlice).value.rows[0]!.who).toBe('a-email');
    expect(cache.calls).toBe(3);
  });

  it('keeps an answer for its TTL only, and a failure not at all', async () => {
    let now = 0;
    const cache = new QueryCache(1_000, 100, () => now);
    const c = counter();
    const key = QueryCache.key('s', 'q');
    await cache.getOrRun(key, [], c.run('1'));
    now = 999;
    expect((await cache.getOrRun(key, [], c.run('2'))).cached).toBe(true);
    now = 1_000;
    expect((await cache.getOrRun(key, [], c.run('3'))).cached).toBe(false);
    expect(c.calls).toEqual(['1', '3']);
    const failing = QueryCache.key('s', 'bad');
    await expect(cache.getOrRun(failing, [], async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect((await cache.getOrRun(failing, [], c.run('4'))).cached).toBe(false);
  });

  it("drops a page's answers when it changes, and does not store one that was in flight meanwhile", async () => {
    const cache = new QueryCache(60_000);
    const c = counter();
    await cache.getOrRun(QueryCache.key('s', 'a'), ['page:1'], c.run('a'));
    await cache.getOrRun(QueryCache.key('s', 'b'), ['page:2'], c.run('b'));
    expect(cache.invalidate('page:1')).toBe(1);
    expect(cache.get(QueryCache.key('s', 'a'))).toBeUndefined();
    expect(cache.get(QueryCache.key('s', 'b'))).toBeDefined();
    const inFlight = cache.getOrRun(QueryCache.key('s', 'c'), ['page:1'], c.run('c', true));
    cache.invalidate('page:1');
    c.release();
    await inFlight;
    expect(cache.get(QueryCache.key('s', 'c'))).toBeUndefined();
  });

  it('runQueries: eight nodes bound to one query make one call; the scope is part of the key', async () => {
    const query = { name: 'q', source: 'sql' as const, sql: 'SELECT 1 AS n' };
    const plan: RenderPlan = { queries: [{ key: 'k', query, names: Array.from({ length: 8 }, (_, i) => `n${i}`) }], unbound: [] };
    const cache = new QueryCache(5_000);
    let calls = 0;
    const runSql = async () => {
      calls++;
      return { rows: [{ n: 1 }] };
    };
    const outcomes = await runQueries(plan, { runSql, cache, cacheScope: 'key:a|*' });
    expect(Object.keys(outcomes)).toHaveLength(8);
    expect(calls).toBe(1);
    await runQueries(plan, { runSql, cache, cacheScope: 'key:a|*' });
    expect(calls).toBe(1);
    await runQueries(plan, { runSql, cache, cacheScope: 'key:a|{"channel":["email"]}' });
    expect(calls).toBe(2);
  });
});
