/**
 * What the folder last agreed with the platform on, per page id: the file,
 * the version and a hash of the content. Kept in `<folder>/.amdahl-pages.json`
 * and committed with the pages. It tells "the platform moved" apart from "I
 * edited the file", and which pages were deleted from the folder (so that
 * `push --prune` archives only pages this folder managed, never a page
 * someone created in the studio since).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageVersion } from './page-file';

export const STATE_FILE = '.amdahl-pages.json';

export interface SyncedPage {
  file: string;
  version?: PageVersion;
  hash: string;
}

export interface SyncState {
  /** `--tag` of the pull that made the folder, if any: later pulls, diffs and prunes keep to it. */
  tag?: string;
  pages: Record<string, SyncedPage>;
}

export async function readSyncState(folder: string): Promise<SyncState> {
  let text: string;
  try {
    text = await readFile(path.join(folder, STATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pages: {} };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path.join(folder, STATE_FILE)} is not valid JSON (${(error as Error).message}); restore it from git, or delete it and pull again`);
  }
  const v = value as Partial<SyncState>;
  return { ...(typeof v.tag === 'string' ? { tag: v.tag } : {}), pages: typeof v.pages === 'object' && v.pages !== null ? v.pages : {} };
}

export async function writeSyncState(folder: string, state: SyncState): Promise<void> {
  const ids = Object.keys(state.pages).sort();
  const pages: Record<string, SyncedPage> = {};
  for (const id of ids) pages[id] = state.pages[id]!;
  const text = `${JSON.stringify({ ...(state.tag ? { tag: state.tag } : {}), pages }, null, 2)}\n`;
  await writeFileAtomic(path.join(folder, STATE_FILE), text);
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
