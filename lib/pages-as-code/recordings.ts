/**
 * Recorded query results for snapshot tests: `<folder>/__data__/<slug>.data.json`
 * beside `<slug>.page.json`, one entry per declared query the page binds:
 * the SQL it ran, the columns and (capped) rows the platform returned, or the
 * failure. Written by `amdahl-pages test --record`; read by `amdahl-pages test`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryOutcome } from '../render/run-queries';
import type { ResultColumn, Row } from '../spec/resolved';
import { DATA_DIR, PAGE_FILE_SUFFIX } from './page-file';
import { writeFileAtomic } from './sync-state';

export type RecordedQuery =
  | { sql?: string; columns: ResultColumn[]; rows: Row[]; truncated: boolean; row_count: number }
  | { sql?: string; error: { code: string; message: string } };

export interface Recording {
  page: string;
  recorded_at: string;
  queries: Record<string, RecordedQuery>;
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

export function recordOutcome(sql: string | undefined, outcome: QueryOutcome, maxRows: number): RecordedQuery {
  if (!outcome.ok) return { ...(sql !== undefined ? { sql } : {}), error: outcome.error };
  const rows = outcome.result.rows.slice(0, maxRows);
  return {
    ...(sql !== undefined ? { sql } : {}),
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
