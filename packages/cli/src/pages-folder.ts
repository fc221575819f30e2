/** What pull, diff and push share: the folder, its state, the platform's pages and the plan between them. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { catalog } from '../../../catalog';
import { readPageFolder, readRemotePages, planSync, type LocalPage, type PageAction, type RemotePages } from '../../../lib/pages-as-code/sync-plan';
import { readSyncState, SyncStateError, type SyncState } from '../../../lib/pages-as-code/sync-state';
import { validatePage } from '../../../lib/spec/validate';
import { RunError, type CliIO } from './io';
import type { PlatformConnection } from './platform-connection';
import { noPagesMessage } from './read-inputs';
import { prepareValidation } from './validate-files';

export const FOLDER_OPTIONS = {
  dir: { type: 'string', default: 'pages' },
  tag: { type: 'string' },
} as const;

export interface LocalFolder {
  folder: string;
  state: SyncState;
  local: LocalPage[];
}

export interface FolderView extends LocalFolder {
  remote: RemotePages;
  actions: PageAction[];
  tag?: string;
}

export function folderOf(io: CliIO, dir: string): string {
  return path.resolve(io.cwd, dir);
}

/** How a folder is named in messages: relative to the working directory. */
export function shownFolder(io: CliIO, folder: string): string {
  return path.relative(io.cwd, folder) || '.';
}

/**
 * The folder's page files and sync state, read before any platform is asked:
 * a file that is not JSON is named with its line and column (one line each
 * on stderr, as validate writes them) and the command stops, exit 2. With
 * `requirePages`, an empty or missing folder stops it too. `keepInvalid`
 * keeps files that are not JSON for a command that reports them as findings
 * of its own (`test`).
 */
export async function readLocalFolder(io: CliIO, dir: string, options: { requirePages: boolean; keepInvalid?: boolean }): Promise<LocalFolder> {
  const folder = folderOf(io, dir);
  const shown = shownFolder(io, folder);
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) throw new RunError(`${shown} is a file, not a folder of pages: name the folder with --dir`);
  if (!info && options.requirePages) throw new RunError(noPagesMessage(shown, 'such folder'));
  let state: SyncState;
  let local: LocalPage[];
  try {
    state = info ? await readSyncState(folder) : { pages: {} };
    local = info ? await readPageFolder(folder) : [];
  } catch (error) {
    if (error instanceof SyncStateError) throw new RunError(error.message.replace(`${folder}${path.sep}`, `${shown}${path.sep}`));
    throw new RunError((error as Error).message);
  }
  if (options.requirePages && local.length === 0) throw new RunError(noPagesMessage(shown));
  const broken = options.keepInvalid ? [] : local.filter((l) => l.syntax);
  for (const page of broken) {
    io.stderr(`${path.join(shown, page.file)}:${page.syntax!.line}:${page.syntax!.column} error invalid-json Invalid JSON: ${page.syntax!.message}\n`);
  }
  if (broken.length > 0 && !options.keepInvalid) {
    throw new RunError(`${broken.length} page file${broken.length === 1 ? ' is' : 's are'} not JSON (above): fix ${broken.length === 1 ? 'it' : 'them'} or restore from git; the platform was not contacted`);
  }
  return { folder, state, local };
}

/** The plan between a folder already read and the platform. */
export async function planFolder(io: CliIO, connection: PlatformConnection, options: { dir: string; tag?: string; read?: LocalFolder }): Promise<FolderView> {
  const { folder, state, local } = options.read ?? (await readLocalFolder(io, options.dir, { requirePages: true }));
  const tag = options.tag ?? state.tag;
  await prepareValidation();
  const ids = [...local.map((l) => l.id).filter((id): id is string => id !== undefined), ...Object.keys(state.pages)];
  const remote = await readRemotePages(connection.client, { ...(tag ? { tag } : {}), ids });
  const actions = planSync({
    local,
    remote: remote.pages,
    state,
    inScope: remote.listed,
    validate: (text) => validatePage(text, catalog),
    ...(connection.origin ? { here: connection.origin } : {}),
  });
  return { folder, state, local, remote, actions, ...(tag ? { tag } : {}) };
}
