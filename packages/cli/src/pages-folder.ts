/** What pull, diff and push share: the folder, its state, the platform's pages and the plan between them. */
import path from 'node:path';
import { catalog } from '../../../catalog';
import { readPageFolder, readRemotePages, planSync, type LocalPage, type PageAction, type RemotePages } from '../../../lib/pages-as-code/sync-plan';
import { readSyncState, type SyncState } from '../../../lib/pages-as-code/sync-state';
import { validatePage } from '../../../lib/spec/validate';
import type { CliIO } from './io';
import type { PlatformConnection } from './platform-connection';
import { prepareValidation } from './validate-files';

export const FOLDER_OPTIONS = {
  dir: { type: 'string', default: 'pages' },
  tag: { type: 'string' },
} as const;

export interface FolderView {
  folder: string;
  state: SyncState;
  local: LocalPage[];
  remote: RemotePages;
  actions: PageAction[];
  tag?: string;
}

export function folderOf(io: CliIO, dir: string): string {
  return path.resolve(io.cwd, dir);
}

export async function planFolder(io: CliIO, connection: PlatformConnection, options: { dir: string; tag?: string }): Promise<FolderView> {
  const folder = folderOf(io, options.dir);
  const state = await readSyncState(folder);
  const tag = options.tag ?? state.tag;
  const local = await readPageFolder(folder);
  await prepareValidation();
  const ids = [...local.map((l) => l.id).filter((id): id is string => id !== undefined), ...Object.keys(state.pages)];
  const remote = await readRemotePages(connection.client, { ...(tag ? { tag } : {}), ids });
  const actions = planSync({
    local,
    remote: remote.pages,
    state,
    inScope: remote.listed,
    validate: (text) => validatePage(text, catalog),
  });
  return { folder, state, local, remote, actions, ...(tag ? { tag } : {}) };
}
