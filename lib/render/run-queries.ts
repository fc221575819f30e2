/**
 * Runs a render plan's queries on the server: in parallel up to a bound, each
 * with a deadline, answers cached for a short time by final SQL. A failed
 * query becomes an outcome with a code and message, never an exception, so
 * the rest of the page still renders.
 */
import type { BoundRows, ResultColumn, Row } from '../spec/resolved';
import { bindParams, ParamError } from './bind-params';
import type { RenderPlan } from './plan';
import { QueryCache } from './query-cache';

export { QueryCache } from './query-cache';

export interface SqlResult {
  rows: Row[];
  columns?: ResultColumn[];
  truncated?: boolean;
}

export type RunSql = (sql: string, signal: AbortSignal) => Promise<SqlResult>;

export interface QueryFailure {
  code: string;
  message: string;
}

export type QueryOutcome = { ok: true; result: BoundRows; elapsedMs: number; cached: boolean } | { ok: false; error: QueryFailure };

export interface RunOptions {
  runSql: RunSql;
  params?: Record<string, unknown>;
  concurrency?: number;
  timeoutMs?: number;
  cache?: QueryCache;
  /**
   * Who asks: the identity whose key runs the queries and the data slice.
   * Part of every cache key, so an answer never reaches another identity or slice.
   */
  cacheScope?: string;
  /** What the answers are kept for (the page's id): dropped together when that page changes. */
  cacheTags?: readonly string[];
}

export function columnsOf(result: SqlResult): ResultColumn[] {
  if (result.columns && result.columns.length > 0) return result.columns;
  const first = result.rows[0];
  return first ? Object.keys(first).map((name) => ({ name })) : [];
}

function failureOf(error: unknown): QueryFailure {
  if (error instanceof ParamError) return { code: 'invalid_param', message: error.message };
  const e = error as { code?: unknown; message?: unknown; name?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return { code: 'deadline_exceeded', message: 'The query took too long' };
  return { code: typeof e?.code === 'string' ? e.code : 'internal', message: typeof e?.message === 'string' ? e.message : String(error) };
}

export async function runQueries(plan: RenderPlan, options: RunOptions): Promise<Record<string, QueryOutcome>> {
  const { runSql, params = {}, concurrency = 4, timeoutMs = 30_000, cache, cacheScope = '', cacheTags = [] } = options;
  const outcomes: Record<string, QueryOutcome> = {};
  let next = 0;
  const worker = async () => {
    while (next < plan.queries.length) {
      const planned = plan.queries[next++]!;
      const outcome = await runOne(planned.query, planned.names[0]!);
      for (const name of planned.names) outcomes[name] = outcome.ok ? { ...outcome, result: { ...outcome.result, query: name } } : outcome;
    }
  };
  const runOne = async (query: RenderPlan['queries'][number]['query'], name: string): Promise<QueryOutcome> => {
    if (query.source !== 'sql' || query.sql === undefined) {
      return { ok: false, error: { code: 'unimplemented', message: `${query.source} queries are not supported by this host yet` } };
    }
    const started = performance.now();
    try {
      const sql = bindParams(query.sql, query.params, params);
      const run = () => runSql(sql, AbortSignal.timeout(timeoutMs));
      const { value: result, cached } = cache ? await cache.getOrRun(QueryCache.key(cacheScope, sql), cacheTags, run) : { value: await run(), cached: false };
      return {
        ok: true,
        result: { query: name, rows: result.rows, columns: columnsOf(result), truncated: result.truncated === true },
        elapsedMs: Math.round(performance.now() - started),
        cached,
      };
    } catch (error) {
      return { ok: false, error: failureOf(error) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, plan.queries.length)) }, worker));
  for (const name of plan.unbound) outcomes[name] = { ok: false, error: { code: 'unbound_query', message: `"${name}" is not a declared query` } };
  return outcomes;
}
