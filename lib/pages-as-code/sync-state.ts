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
import { syntaxProblemOf, type PageVersion } from './page-file';

export const STATE_FILE = '.amdahl-pages.json';

export interface SyncedPage {
  file: string;
  version?: PageVersion;
  hash: string;
}

export interface SyncState {
  /** `--tag` of the pull that made the folder, if any: later pulls, diffs and prunes keep to it. */
  tag?: string;
  /**
   * The platform the folder last pulled from or pushed to (its origin, or
   * `the embedded local platform`): when a page's id is unknown to the platform
   * a push goes to, this says where it likely came from.
   */
  platform?: string;
  pages: Record<string, SyncedPage>;
}

/** The state file cannot be read as one: the message names it, with line and column. */
export class SyncStateError extends Error {}

export async function readSyncState(folder: string): Promise<SyncState> {
  let text: string;
  try {
    text = await readFile(path.join(folder, STATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pages: {} };
    throw error;
  }
  const problem = syntaxProblemOf(text);
  if (problem) throw new SyncStateError(`${path.join(folder, STATE_FILE)}:${problem.line}:${problem.column}: not JSON (${problem.message}): restore it from git, or delete it and pull again`);
  const parsed = JSON.parse(text) as unknown;
  const v = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<SyncState>;
  return {
    ...(typeof v.tag === 'string' ? { tag: v.tag } : {}),
    ...(typeof v.platform === 'string' ? { platform: v.platform } : {}),
    pages: typeof v.pages === 'object' && v.pages !== null && !Array.isArray(v.pages) ? v.pages : {},
  };
}

export async function writeSyncState(folder: string, state: SyncState): Promise<void> {
  const ids = Object.keys(state.pages).sort();
  const pages: Record<string, SyncedPage> = {};
  for (const id of ids) pages[id] = state.pages[id]!;
  const text = `${JSON.stringify({ ...(state.tag ? { tag: state.tag } : {}), ...(state.platform ? { platform: state.platform } : {}), pages }, null, 2)}\n`;
  await writeFileAtomic(path.join(folder, STATE_FILE), text);
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
