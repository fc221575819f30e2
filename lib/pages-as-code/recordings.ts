/**
 * Recorded query results for snapshot tests: `<folder>/__data__/<slug>.data.json`
 * beside `<slug>.page.json`: the param values the queries ran with, and one
 * entry per declared query the page binds: what ran (the SQL, or a search's
 * source, text and target), the columns and (capped) rows the platform
 * returned, or the failure. Written by `amdahl-pages test --record`; read by
 * `amdahl-pages test`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryOutcome } from '../render/run-queries';
import type { DeclaredQuery } from '../spec/page-model';
import type { ResultColumn, Row } from '../spec/resolved';
import { DATA_DIR, PAGE_FILE_SUFFIX } from './page-file';
import { writeFileAtomic } from './sync-state';

/** What ran: the SQL as declared (params unbound), or a search's source, text and target. */
export interface RecordedSource {
  sql?: string;
  source?: 'cluster_search' | 'kb_search';
  query?: string;
  target?: string;
}

export type RecordedQuery =
  | (RecordedSource & { columns: ResultColumn[]; rows: Row[]; truncated: boolean; row_count: number })
  | (RecordedSource & { error: { code: string; message: string } });

/** A param's value as recorded: what the queries' `@name` was bound to. */
export type RecordedParam = string | number | boolean;

export interface Recording {
  page: string;
  recorded_at: string;
  /** The value of each param the page's queries declare, as they ran (absent: none declared, or recorded before params were kept). */
  params?: Record<string, RecordedParam>;
  queries: Record<string, RecordedQuery>;
}

export function recordedSourceOf(query: DeclaredQuery | undefined): RecordedSource {
  if (!query) return {};
  if (query.source === 'sql') return query.sql !== undefined ? { sql: query.sql } : {};
  return { source: query.source, ...(query.query !== undefined ? { query: query.query } : {}), ...(query.target !== undefined ? { target: query.target } : {}) };
}

export function recordingPath(folder: string, pageFile: string): string {
  const base = pageFile.endsWith(PAGE_FILE_SUFFIX) ? pageFile.slice(0, -PAGE_FILE_SUFFIX.length) : pageFile.replace(/\.json$/, '');
  return path.join(folder, DATA_DIR, `${base}.data.json`);
}

export async function readRecording(file: string): Promise<Recording | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Recording;
    if (typeof value !== 'object' || value === null || typeof value.queries !== 'object' || value.queries === null) throw new Error('no "queries" object');
    return value;
  } catch (error) {
    throw new Error(`${file} is not a recording (${(error as Error).message}): run amdahl-pages test --record`);
  }
}

export function recordOutcome(ran: RecordedSource, outcome: QueryOutcome, maxRows: number): RecordedQuery {
  if (!outcome.ok) return { ...ran, error: outcome.error };
  const rows = outcome.result.rows.slice(0, maxRows);
  return {
    ...ran,
    columns: outcome.result.columns,
    rows,
    truncated: outcome.result.truncated || rows.length < outcome.result.rows.length,
    row_count: outcome.result.rows.length,
  };
}

export async function writeRecording(file: string, recording: Recording): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(recording, null, 2)}\n`);
}
