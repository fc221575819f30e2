/**
 * Carries out a sync plan on the platform, all or nothing: every page is
 * checked first (the plan: errors, unreadable files, a platform that moved
 * since the pull, an id this platform does not have for this key), and when
 * any page is refused nothing is written, neither on the platform nor in the
 * files. Otherwise the writes go out; a write the platform still refuses
 * (If-Match lost a race since the check) or fails stops the writes not yet
 * sent, and the report says which were written. A successful create or
 * update writes the page's id and new version back into its file and the
 * folder's state, so the next push compares against it.
 */
import { isPlatformError, type PlatformClient } from '../platform';
import { contentHash, withIdentity, type PageVersion } from './page-file';
import { REFUSED, type LocalPage, type PageAction } from './sync-plan';
import { writeFileAtomic, type SyncState } from './sync-state';

/** `not-sent`: a write held back because another page was refused (or a write before it failed). */
export type PushOutcome = 'created' | 'updated' | 'archived' | 'unchanged' | 'skipped' | 'refused' | 'failed' | 'not-sent';

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
    case 'missing': {
      const from = action.pulledFrom && action.pulledFrom !== action.here ? `; this folder was pulled from ${action.pulledFrom}` : '';
      return `${action.local.file}: page ${action.id} ("${action.name}") is not on ${action.here ?? 'this platform'} for this key: it was likely pulled from another platform or business${from} (or archived since). Push it with the key it came from, or remove "id" and "version" from the file to create it here`;
    }
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
        return { action, outcome: 'skipped', message: skipMessage(action, options.prune)! };
      case 'archive':
        if (!options.prune) return { action, outcome: 'skipped', message: skipMessage(action, options.prune)! };
        await client.archivePage(action.id);
        delete state.pages[action.id];
        return { action, outcome: 'archived', id: action.id };
      case 'remote-only':
        return { action, outcome: 'skipped', message: skipMessage(action, options.prune)! };
      default:
        return { action, outcome: 'refused', message: refusalOf(action) ?? action.kind };
    }
  } catch (error) {
    if (isPlatformError(error) && error.status === 409) {
      const name = 'name' in action ? action.name : '';
      return { action, outcome: 'refused', message: `"${name}" changed on the platform while pushing (${error.message}): nothing of it was written; pull and push again` };
    }
    if (isPlatformError(error)) return { action, outcome: 'failed', message: `${error.code}: ${error.message}` };
    throw error;
  }
}

/** Whether carrying out the action writes to the platform. */
export function writesToPlatform(action: PageAction, prune: boolean): boolean {
  return action.kind === 'create' || action.kind === 'update' || (action.kind === 'archive' && prune);
}

/** What a plan with refusals gives: the refusals, every write held back, and the rest as it stands (no file touched). */
function refuseAll(actions: readonly PageAction[], options: PushOptions): PushResult[] {
  const refused = actions.filter((a) => REFUSED.has(a.kind)).length;
  const held = `not sent: ${refused} page${refused === 1 ? ' was' : 's were'} refused, so nothing was written`;
  return actions.map((action): PushResult => {
    if (REFUSED.has(action.kind)) return { action, outcome: 'refused', message: refusalOf(action)! };
    if (writesToPlatform(action, options.prune)) return { action, outcome: 'not-sent', message: held };
    if (action.kind === 'unchanged') return { action, outcome: 'unchanged', id: action.id, version: action.local.version };
    return { action, outcome: 'skipped', ...(skipMessage(action, options.prune) ? { message: skipMessage(action, options.prune) } : {}) };
  });
}

function skipMessage(action: PageAction, prune: boolean): string | undefined {
  if (action.kind === 'behind') return `"${action.name}" is newer on the platform (version ${String(action.remoteVersion)}) and ${action.local.file} was not edited: pull to bring it`;
  if (action.kind === 'archive' && !prune) return `"${action.name}" was deleted from the folder (${action.file}): push --prune archives it`;
  if (action.kind === 'remote-only') return `"${action.name}" (${action.id}) is only on the platform: pull to add it to the folder`;
  return undefined;
}

/** Writes in flight at once: enough to overlap round trips, few enough that a refusal stops most of the rest. */
const WRITES_AT_ONCE = 4;

export async function pushPages(actions: readonly PageAction[], options: PushOptions): Promise<PushResult[]> {
  if (actions.some((a) => REFUSED.has(a.kind))) {
    const results = refuseAll(actions, options);
    for (const result of results) options.onResult?.(result);
    return results;
  }
  const results: PushResult[] = new Array(actions.length);
  let next = 0;
  let stoppedBy: string | undefined;
  const worker = async () => {
    while (next < actions.length) {
      const i = next++;
      const action = actions[i]!;
      const result = stoppedBy && writesToPlatform(action, options.prune)
        ? { action, outcome: 'not-sent' as const, message: `not sent: the write of ${stoppedBy} was refused or failed first` }
        : await pushOne(action, options);
      if ((result.outcome === 'refused' || result.outcome === 'failed') && !stoppedBy) stoppedBy = `"${'name' in action ? action.name : ''}"`;
      results[i] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, actions.length) }, worker));
  return results;
}
