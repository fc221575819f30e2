/**
 * One SQL statement run on its own, for the studio's queries panel: the same
 * read-only checks a declared query gets (the real PostgreSQL parser, one
 * SELECT, allow-listed tables) before anything reaches the platform, the
 * page's param declarations bound as literals, and an answer capped to the
 * rows a person reads. A refusal or a database error comes back with the
 * position in the author's SQL when one is known, so the editor can mark it.
 */
import { LineIndex } from '../spec/json-text';
import type { ParamDeclaration } from '../spec/page-model';
import { checkSql, loadSqlParser } from '../spec/sql-check';
import { findParamReferences } from '../spec/sql-params';
import { bindParams, ParamError } from '../render/bind-params';
import { isPlatformError, type PlatformClient } from '../platform';
import type { ResultColumn, Row } from '../spec/resolved';

/** Rows the panel shows; the rest are counted, not sent. */
export const RUN_ROW_LIMIT = 100;

export interface RunQueryInput {
  sql: string;
  /** The declared query's `params` (name -> type hint or declaration). */
  params?: Record<string, ParamDeclaration>;
  /** Values for those params; a declaration's default applies when one is missing. */
  values?: Record<string, unknown>;
}

export interface SqlPosition {
  /** 0-based character offset into the SQL as written. */
  offset: number;
  line: number;
  column: number;
}

export type RunQueryAnswer =
  | { ok: true; columns: ResultColumn[]; rows: Row[]; row_count: number; truncated: boolean; elapsed_ms: number }
  | { ok: false; status: number; error: { code: string; message: string; hint?: string; position?: SqlPosition } };

function positionIn(sql: string, offset: number | undefined): SqlPosition | undefined {
  if (offset === undefined || !Number.isFinite(offset) || offset < 0 || offset > sql.length) return undefined;
  return { offset, ...new LineIndex(sql).position(offset) };
}

/** Where the platform says the statement broke, as an offset into the statement it received. */
function platformOffset(details: unknown): number | undefined {
  if (!details || typeof details !== 'object') return undefined;
  const d = details as { offset?: unknown; problems?: { offset?: unknown }[] };
  if (typeof d.offset === 'number') return d.offset;
  const first = Array.isArray(d.problems) ? d.problems[0]?.offset : undefined;
  return typeof first === 'number' ? first : undefined;
}

export async function runQuery(client: PlatformClient, input: RunQueryInput, options: { timeoutMs?: number } = {}): Promise<RunQueryAnswer> {
  const { sql, params, values = {} } = input;
  await loadSqlParser();
  const problems = checkSql(sql);
  if (problems.length > 0) {
    const first = problems[0]!;
    return {
      ok: false,
      status: 400,
      error: { code: 'invalid_sql', message: first.message, ...(first.hint ? { hint: first.hint } : {}), ...withPosition(sql, first.offset) },
    };
  }
  let bound: string;
  try {
    bound = bindParams(sql, params, values);
  } catch (error) {
    if (error instanceof ParamError) return { ok: false, status: 400, error: { code: 'invalid_param', message: error.message } };
    throw error;
  }
  const started = performance.now();
  try {
    const result = await client.query(bound, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    const rows = result.rows;
    const columns = result.columns && result.columns.length > 0 ? result.columns : Object.keys(rows[0] ?? {}).map((name) => ({ name }));
    return {
      ok: true,
      columns: columns as ResultColumn[],
      rows: rows.slice(0, RUN_ROW_LIMIT),
      row_count: result.row_count ?? rows.length,
      truncated: result.truncated === true || rows.length > RUN_ROW_LIMIT,
      elapsed_ms: Math.round(result.elapsed_ms ?? performance.now() - started),
    };
  } catch (error) {
    if (!isPlatformError(error)) throw error;
    // The platform saw the SQL with params spliced in: its offset is the author's only before the first of them.
    const offset = platformOffset(error.details);
    const firstParam = findParamReferences(sql)[0]?.start ?? Infinity;
    const mapped = offset !== undefined && (bound === sql || offset < firstParam) ? offset : undefined;
    return { ok: false, status: error.status >= 400 ? error.status : 502, error: { code: error.code, message: error.message, ...withPosition(sql, mapped) } };
  }
}

function withPosition(sql: string, offset: number | undefined): { position?: SqlPosition } {
  const position = positionIn(sql, offset);
  return position ? { position } : {};
}
