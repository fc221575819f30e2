/**
 * The render path's per-query promises: every query of a plan starts at once
 * (up to the concurrency bound, in the page's order), each bound name gets
 * its own promise that settles when its query answers, none waits for
 * another, and none rejects. The SQL runner is a fake whose answers the test
 * releases one by one: the order of events is what is checked, not timing.
 */
import { describe, expect, it } from 'vitest';
import { planPage, ownQueryNames } from '../../lib/render/plan';
import { QueryCache, runQueries, startQueries, type SqlResult } from '../../lib/render/run-queries';
import type { Page } from '../../lib/spec/page-model';

function gatedSql() {
  const started: string[] = [];
  const gates = new Map<string, (result: SqlResult | Error) => void>();
  return {
    started,
    answer(sql: string, result: SqlResult | Error = { rows: [{ sql }] }) {
      const open = gates.get(sql);
      if (!open) throw new Error(`not started: ${sql}`);
      open(result);
    },
    runSql: (sql: string) => {
      started.push(sql);
      return new Promise<SqlResult>((resolve, reject) => gates.set(sql, (r) => (r instanceof Error ? reject(r) : resolve(r))));
    },
  };
}

function page(queries: string[], bindings: string[]): Page {
  return {
    name: 'p',
    tags: [],
    declared_queries: queries.map((q) => ({ name: q, source: 'sql', sql: `SELECT '${q}'` })),
    spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: {}, children: bindings.map((b) => ({ type: 'Stat', props: { value: { $value: { query: b, field: 'x' } } } })) } },
  };
}

const settledNames = (pending: Record<string, Promise<unknown>>) => {
  const done: string[] = [];
  for (const [name, p] of Object.entries(pending)) void p.then(() => done.push(name));
  return done;
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('startQueries', () => {
  it('starts every query at once and settles each name when its own query answers', async () => {
    const sql = gatedSql();
    const plan = planPage(page(['slow', 'a', 'b', 'c'], ['slow', 'a', 'b', 'c']));
    const pending = startQueries(plan, { runSql: sql.runSql, concurrency: 8 });
    const done = settledNames(pending);
    await tick();
    expect(sql.started).toEqual(["SELECT 'slow'", "SELECT 'a'", "SELECT 'b'", "SELECT 'c'"]);
    sql.answer("SELECT 'b'");
    sql.answer("SELECT 'a'");
    sql.answer("SELECT 'c'");
    await tick();
    expect(done).toEqual(['b', 'a', 'c']);
    sql.answer("SELECT 'slow'");
    await tick();
    expect(done).toEqual(['b', 'a', 'c', 'slow']);
    const slow = await pending.slow!;
    expect(slow.ok && slow.result.query).toBe('slow');
  });

  it('keeps at most `concurrency` in flight, in the page\'s order', async () => {
    const sql = gatedSql();
    const pending = startQueries(planPage(page(['q1', 'q2', 'q3'], ['q1', 'q2', 'q3'])), { runSql: sql.runSql, concurrency: 2 });
    await tick();
    expect(sql.started).toEqual(["SELECT 'q1'", "SELECT 'q2'"]);
    sql.answer("SELECT 'q2'");
    await tick();
    expect(sql.started).toEqual(["SELECT 'q1'", "SELECT 'q2'", "SELECT 'q3'"]);
    sql.answer("SELECT 'q3'");
    sql.answer("SELECT 'q1'");
    expect(Object.keys(await Promise.all(Object.values(pending)))).toHaveLength(3);
  });

  it('never rejects: a failure, an unbound name, a bad param are outcomes', async () => {
    const sql = gatedSql();
    const pending = startQueries(planPage(page(['bad'], ['bad', 'missing'])), { runSql: sql.runSql });
    await tick();
    sql.answer("SELECT 'bad'", Object.assign(new Error('relation does not exist'), { code: 'invalid_argument' }));
    expect(await pending.bad).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'relation does not exist' } });
    expect(await pending.missing).toEqual({ ok: false, error: { code: 'unbound_query', message: '"missing" is not a declared query' } });
  });

  it('shares one call between names of the same SQL and, through the cache, between renders', async () => {
    const sql = gatedSql();
    const p = page(['x'], ['x', 'x', 'x']);
    p.declared_queries.push({ name: 'y', source: 'sql', sql: "SELECT 'x'" });
    p.spec.root.children!.push({ type: 'Stat', props: { value: { $value: { query: 'y', field: 'x' } } } });
    const cache = new QueryCache(60_000);
    const first = startQueries(planPage(p), { runSql: sql.runSql, cache });
    const second = runQueries(planPage(p), { runSql: sql.runSql, cache });
    await tick();
    expect(sql.started).toEqual(["SELECT 'x'"]);
    sql.answer("SELECT 'x'");
    const [x, y] = await Promise.all([first.x!, first.y!]);
    expect(x.ok && x.result.query).toBe('x');
    expect(y.ok && y.result.query).toBe('y');
    expect(Object.keys(await second).sort()).toEqual(['x', 'y']);
    expect(cache.calls).toBe(1);
  });
});

describe('ownQueryNames', () => {
  it('names the queries a node binds itself, not its children\'s', () => {
    const p = page(['a', 'b'], ['a', 'b']);
    expect(ownQueryNames(p.spec.root)).toEqual([]);
    expect(ownQueryNames({ type: 'Stat', props: { value: { $value: { query: 'a', field: 'x' } }, sparkline: { $query: 'b' }, trend: { $value: { query: 'a', field: 'y' } } } })).toEqual(['a', 'b']);
  });
});
