/**
 * Carries out a sync plan on the platform. Each page stands alone: a refused
 * or failed page changes nothing (on the platform or in its file), and the
 * others go on. A successful create or update writes the page's id and new
 * version back into its file and the folder's state, so the next push
 * compares against it.
 */
import { isPlatformError, type PlatformClient } from '../platform';
import { contentHash, withIdentity, type PageVersion } from './page-file';
import { REFUSED, type LocalPage, type PageAction } from './sync-plan';
import { writeFileAtomic, type SyncState } from './sync-state';

export type PushOutcome = 'created' | 'updated' | 'archived' | 'unchanged' | 'skipped' | 'refused' | 'failed';

export interface PushResult {
  action: PageAction;
  outcome: PushOutcome;
  message?: string;
  id?: string;
  version?: PageVersion;
}

export interface PushOptions {
  client: PlatformClient;
  state: SyncState;
  prune: boolean;
  onResult?: (result: PushResult) => void;
}

function bodyOf(local: LocalPage) {
  const page = local.content!;
  return { name: page.name, tags: page.tags, declared_queries: page.declared_queries, spec: page.spec };
}

/** Why push refuses a page, in one sentence naming it. */
export function refusalOf(action: PageAction): string | undefined {
  switch (action.kind) {
    case 'conflict':
      return `"${action.name}" changed on the platform since the last pull (version ${String(action.local.version)} → ${String(action.remoteVersion)}) and in ${action.local.file}: pull it into another checkout, merge, and push again`;
    case 'missing':
      return `"${action.name}" (${action.id}) is not on the platform any more (archived?): remove "id" and "version" from ${action.local.file} to create it again, or delete the file`;
    case 'invalid':
      return action.reason ? `${action.local.file}: ${action.reason}` : `${action.local.file} has ${action.diagnostics.length} error${action.diagnostics.length === 1 ? '' : 's'}: run amdahl-pages validate`;
    case 'archive-conflict':
      return `"${action.name}" was deleted from the folder but changed on the platform since the last pull (version ${String(action.version)} → ${String(action.remoteVersion)}): not archived`;
    default:
      return undefined;
  }
}

async function recordIdentity(local: LocalPage, id: string, version: PageVersion | undefined, state: SyncState): Promise<void> {
  await writeFileAtomic(local.path, withIdentity(local.value!, id, version));
  state.pages[id] = { file: local.file, ...(version !== undefined ? { version } : {}), hash: contentHash(local.content!) };
}

async function pushOne(action: PageAction, options: PushOptions): Promise<PushResult> {
  const { client, state } = options;
  if (REFUSED.has(action.kind)) return { action, outcome: 'refused', message: refusalOf(action)! };
  try {
    switch (action.kind) {
      case 'create': {
        const page = await client.createPage(bodyOf(action.local));
        await recordIdentity(action.local, page.id, page.version, state);
        return { action, outcome: 'created', id: page.id, version: page.version };
      }
      case 'update': {
        const page = await client.updatePage(action.id, bodyOf(action.local), action.local.version !== undefined ? { ifMatch: action.local.version } : {});
        await recordIdentity(action.local, action.id, page.version, state);
        return { action, outcome: 'updated', id: action.id, version: page.version };
      }
      case 'unchanged':
        // The same content under a newer version (pushed from elsewhere): only the file's version moves.
        if (action.remoteVersion !== undefined && String(action.remoteVersion) !== String(action.local.version)) await recordIdentity(action.local, action.id, action.remoteVersion, state);
        return { action, outcome: 'unchanged', id: action.id, version: action.remoteVersion };
      case 'behind':
        return { action, outcome: 'skipped', message: `"${action.name}" is newer on the platform (version ${String(action.remoteVersion)}) and ${action.local.file} was not edited: pull to bring it` };
      case 'archive':
        if (!options.prune) return { action, outcome: 'skipped', message: `"${action.name}" was deleted from the folder (${action.file}): push --prune archives it` };
        await client.archivePage(action.id);
        delete state.pages[action.id];
        return { action, outcome: 'archived', id: action.id };
      case 'remote-only':
        return { action, outcome: 'skipped', message: `"${action.name}" (${action.id}) is only on the platform: pull to add it to the folder` };
      default:
        return { action, outcome: 'refused', message: refusalOf(action) ?? action.kind };
    }
  } catch (error) {
    if (isPlatformError(error) && error.status === 409) {
      const name = 'name' in action ? action.name : '';
      return { action, outcome: 'refused', message: `"${name}" changed on the platform while pushing (${error.message}): nothing was written; pull and push again` };
    }
    if (isPlatformError(error)) return { action, outcome: 'failed', message: `${error.code}: ${error.message}` };
    throw error;
  }
}

export async function pushPages(actions: readonly PageAction[], options: PushOptions): Promise<PushResult[]> {
  // In parallel: the client's limiter bounds what is in flight; results keep the plan's order.
  return Promise.all(
    actions.map(async (action) => {
      const result = await pushOne(action, options);
      options.onResult?.(result);
      return result;
    }),
  );
}
