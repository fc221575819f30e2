/** The queries panel's calls to /api/queries/run: one checked statement, answered with rows or the error and its position. */
import type { ParamDeclaration } from '../../../lib/spec/page-model';
import type { ResultColumn, Row } from '../../../lib/spec/resolved';

export interface RunSuccess {
  ok: true;
  sql: string;
  columns: ResultColumn[];
  rows: Row[];
  row_count: number;
  truncated?: boolean;
  elapsed_ms: number;
}

export interface RunFailure {
  ok: false;
  sql: string;
  error: { code: string; message: string; hint?: string; position?: { offset: number; line: number; column: number } };
}

export type RunAnswer = RunSuccess | RunFailure;

export async function runSql(sql: string, params?: Record<string, ParamDeclaration>, signal?: AbortSignal): Promise<RunAnswer> {
  try {
    const response = await fetch('/api/queries/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params ? { sql, params } : { sql }),
      signal,
    });
    const body = (await response.json()) as Omit<RunSuccess, 'ok' | 'sql'> & { error?: RunFailure['error'] };
    if (body.error || !response.ok) return { ok: false, sql, error: body.error ?? { code: 'internal', message: `HTTP ${response.status}` } };
    return { ok: true, sql, ...body };
  } catch (error) {
    return { ok: false, sql, error: { code: 'unavailable', message: (error as Error).message } };
  }
}
