/**
 * Runs a render plan's queries on the server: in parallel up to a bound, each
 * with a deadline, answers cached for a short time by final SQL (or, for a
 * search source, by source, text and target). SQL runs through `runSql`;
 * every other source through its runner in `sources`, so a new source is a
 * new entry there, not a new branch here. A failed
 * query becomes an outcome with a code and message, never an exception, so
 * the rest of the page still renders.
 */
import type { DeclaredQuery } from '../spec/page-model';
import type { BoundRows, ResultColumn, Row } from '../spec/resolved';
import { bindParams, ParamError } from './bind-params';
import type { RenderPlan } from './plan';
import { QueryCache, type ResultCache } from './query-cache';

export { QueryCache } from './query-cache';

export interface SqlResult {
  rows: Row[];
  columns?: ResultColumn[];
  truncated?: boolean;
}

export type RunSql = (sql: string, signal: AbortSignal) => Promise<SqlResult>;

/** Runs a declared query of a source other than SQL (cluster_search, kb_search): rows, bound as SQL rows are. */
export type SourceRunner = (query: DeclaredQuery, signal: AbortSignal) => Promise<SqlResult>;
export type SourceRunners = Partial<Record<string, SourceRunner>>;

/** A failure a runner names itself: its code and message reach the node's error card. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

export interface QueryFailure {
  code: string;
  message: string;
}

export type QueryOutcome = { ok: true; result: BoundRows; elapsedMs: number; cached: boolean } | { ok: false; error: QueryFailure };

export interface RunOptions {
  runSql: RunSql;
  /** Runners by source, for the sources that are not SQL. A source without one fails as `unimplemented`. */
  sources?: SourceRunners;
  params?: Record<string, unknown>;
  concurrency?: number;
  timeoutMs?: number;
  cache?: ResultCache;
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

/** What one execution runs, and the text that identifies it in the cache. */
function prepare(query: DeclaredQuery, params: Record<string, unknown>, runSql: RunSql, sources: SourceRunners): { text: string; run: (signal: AbortSignal) => Promise<SqlResult> } {
  if (query.source === 'sql' && query.sql !== undefined) {
    const sql = bindParams(query.sql, query.params, params);
    return { text: sql, run: (signal) => runSql(sql, signal) };
  }
  const runner = sources[query.source];
  if (!runner) throw new QueryError('unimplemented', `${query.source} queries are not supported by this host`);
  // Not SQL text, so it never shares a cache entry with a statement.
  return { text: `\u0001${JSON.stringify([query.source, query.query ?? '', query.target ?? ''])}`, run: (signal) => runner(query, signal) };
}

function failureOf(error: unknown): QueryFailure {
  if (error instanceof ParamError) return { code: 'invalid_param', message: error.message };
  const e = error as { code?: unknown; message?: unknown; name?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return { code: 'deadline_exceeded', message: 'The query took too long' };
  return { code: typeof e?.code === 'string' ? e.code : 'internal', message: typeof e?.message === 'string' ? e.message : String(error) };
}

/**
 * Starts every query of a plan at once (up to `concurrency` in flight, in
 * plan order, which is the page's order) and gives one promise per bound
 * name, so a renderer can wait for only the queries one part of the page
 * binds. The promises never reject: a failure is an outcome.
 */
export function startQueries(plan: RenderPlan, options: RunOptions): Record<string, Promise<QueryOutcome>> {
  const { runSql, sources = {}, params = {}, concurrency = 4, timeoutMs = 30_000, cache, cacheScope = '', cacheTags = [] } = options;
  const runOne = async (query: RenderPlan['queries'][number]['query'], name: string): Promise<QueryOutcome> => {
    const started = performance.now();
    try {
      const { text, run: runText } = prepare(query, params, runSql, sources);
      const run = () => runText(AbortSignal.timeout(timeoutMs));
      const { value: result, cached } = cache ? await cache.getOrRun(QueryCache.key(cacheScope, text), cacheTags, run) : { value: await run(), cached: false };
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
  const slots = createSlots(Math.max(1, concurrency));
  const pending: Record<string, Promise<QueryOutcome>> = {};
  for (const planned of plan.queries) {
    const outcome = slots(() => runOne(planned.query, planned.names[0]!));
    for (const name of planned.names) pending[name] = outcome.then((o) => (o.ok ? { ...o, result: { ...o.result, query: name } } : o));
  }
  for (const name of plan.unbound) pending[name] = Promise.resolve({ ok: false, error: { code: 'unbound_query', message: `"${name}" is not a declared query` } });
  return pending;
}

/** Runs tasks with at most `limit` at a time, first come first served. */
function createSlots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** Every outcome of a plan, once all its queries are done. */
export async function runQueries(plan: RenderPlan, options: RunOptions): Promise<Record<string, QueryOutcome>> {
  return settleOutcomes(startQueries(plan, options));
}

export async function settleOutcomes(pending: Record<string, Promise<QueryOutcome>>): Promise<Record<string, QueryOutcome>> {
  const entries = await Promise.all(Object.entries(pending).map(async ([name, outcome]) => [name, await outcome] as const));
  return Object.fromEntries(entries);
}
