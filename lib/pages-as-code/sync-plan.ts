/**
 * What push would do, page by page, from the folder, the platform and the
 * last agreed state: create, update, leave alone, refuse (the platform moved
 * since the last pull and the file changed too; the page has errors; its id
 * is gone), archive (a page deleted from the folder, with --prune), or only
 * say (the platform is ahead; a page exists only on the platform).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { isPlatformError, type Page as StoredPage, type PlatformClient } from '../platform';
import type { Diagnostic } from '../spec/diagnostics';
import { isObject } from '../spec/document';
import type { Page } from '../spec/page-model';
import { contentHash, contentOf, contentText, DATA_DIR, identityOf, PAGE_FILE_SUFFIX, syntaxProblemOf, type PageVersion, type SyntaxProblem } from './page-file';
import { diffPages, type PageChange } from './page-diff';
import type { SyncState } from './sync-state';

export interface LocalPage {
  /** Relative to the folder. */
  file: string;
  path: string;
  text: string;
  /** Undefined when the text is not a JSON object. */
  value?: Record<string, unknown>;
  /** Where the text stops being JSON, when it is not. */
  syntax?: SyntaxProblem;
  content?: Page;
  id?: string;
  version?: PageVersion;
}

export type PageAction =
  | { kind: 'create'; local: LocalPage; name: string }
  | { kind: 'update'; local: LocalPage; id: string; name: string; remoteVersion?: PageVersion; changes: PageChange[] }
  | { kind: 'unchanged'; local: LocalPage; id: string; name: string; remoteVersion?: PageVersion }
  /** The platform is ahead and the file was not edited since: pull brings it; push leaves it. */
  | { kind: 'behind'; local: LocalPage; id: string; name: string; remoteVersion?: PageVersion; changes: PageChange[] }
  | { kind: 'conflict'; local: LocalPage; id: string; name: string; remoteVersion?: PageVersion; changes: PageChange[] }
  /** The file's id is unknown to this platform for this key: another platform's or business's page, or archived. */
  | { kind: 'missing'; local: LocalPage; id: string; name: string; here?: string; pulledFrom?: string }
  | { kind: 'invalid'; local: LocalPage; name: string; diagnostics: Diagnostic[]; reason?: string }
  | { kind: 'archive'; id: string; name: string; file: string; version?: PageVersion }
  | { kind: 'archive-conflict'; id: string; name: string; file: string; version?: PageVersion; remoteVersion?: PageVersion }
  | { kind: 'remote-only'; id: string; name: string };

/** The actions push refuses; any of them makes diff and push exit 1. */
export const REFUSED: ReadonlySet<PageAction['kind']> = new Set(['conflict', 'missing', 'invalid', 'archive-conflict']);

/** Every `*.page.json` below the folder (recorded results and node_modules skipped), in name order. */
export async function readPageFolder(folder: string): Promise<LocalPage[]> {
  const files = (await glob(`**/*${PAGE_FILE_SUFFIX}`, { cwd: folder, ignore: [`${DATA_DIR}/**`, '**/node_modules/**'] })).sort();
  const pages: LocalPage[] = [];
  for (const file of files) {
    const full = path.join(folder, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const page: LocalPage = { file, path: full, text };
    const syntax = syntaxProblemOf(text);
    if (syntax) page.syntax = syntax;
    else {
      const value = JSON.parse(text) as unknown;
      if (isObject(value)) {
        page.value = value;
        page.content = contentOf(value);
        Object.assign(page, identityOf(value));
      }
    }
    pages.push(page);
  }
  return pages;
}

export interface RemotePages {
  pages: Map<string, StoredPage>;
  /** Ids the platform listed in scope (all pages, or those with the tag). */
  listed: Set<string>;
}

/** The platform's pages in scope (all, or those with `tag`), plus any page the folder or state names by id. */
export async function readRemotePages(client: PlatformClient, options: { tag?: string; ids?: Iterable<string> }): Promise<RemotePages> {
  const pages = new Map<string, StoredPage>();
  const summaries = [];
  for await (const summary of client.iteratePages(options.tag ? { tag: options.tag, limit: 100 } : { limit: 100 })) summaries.push(summary);
  await Promise.all(
    summaries.map(async (s) => {
      if (s.spec !== undefined && s.declared_queries !== undefined) pages.set(s.id, { ...s, declared_queries: s.declared_queries, spec: s.spec });
      else pages.set(s.id, await client.getPage(s.id));
    }),
  );
  const listed = new Set(pages.keys());
  await Promise.all(
    [...new Set(options.ids ?? [])]
      .filter((id) => !pages.has(id))
      .map(async (id) => {
        try {
          pages.set(id, await client.getPage(id));
        } catch (error) {
          // 404: another business's page (or archived); 403: a page this key may not see. Either way, not here for this key.
          if (!(isPlatformError(error) && (error.status === 404 || error.status === 403))) throw error;
        }
      }),
  );
  return { pages, listed };
}

export interface PlanInput {
  local: LocalPage[];
  remote: ReadonlyMap<string, StoredPage>;
  state: SyncState;
  /** Offline diagnostics of a file's text. */
  validate(text: string): Diagnostic[];
  /** Pages listed by the platform in scope (remote-only reporting); default: every remote page. */
  inScope?: ReadonlySet<string>;
  /** The platform compared with (its origin), said when a file's id is not on it. */
  here?: string;
}

const sameVersion = (a: PageVersion | undefined, b: PageVersion | undefined) => a !== undefined && b !== undefined && String(a) === String(b);

export function planSync(input: PlanInput): PageAction[] {
  const actions: PageAction[] = [];
  const byId = new Map<string, LocalPage>();
  for (const local of input.local) {
    const name = local.content?.name || local.file;
    const diagnostics = input.validate(local.text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!local.content || errors.length > 0) {
      actions.push({ kind: 'invalid', local, name, diagnostics: errors });
      continue;
    }
    if (!local.id) {
      actions.push({ kind: 'create', local, name });
      continue;
    }
    const twin = byId.get(local.id);
    if (twin) {
      actions.push({ kind: 'invalid', local, name, diagnostics: [], reason: `the id ${local.id} is also in ${twin.file}: one page, one file` });
      continue;
    }
    byId.set(local.id, local);
    const remote = input.remote.get(local.id);
    if (!remote) {
      const where = { ...(input.here ? { here: input.here } : {}), ...(input.state.platform ? { pulledFrom: input.state.platform } : {}) };
      actions.push({ kind: 'missing', local, id: local.id, name, ...where });
      continue;
    }
    const remoteContent = contentOf(remote);
    const base = { local, id: local.id, name, remoteVersion: remote.version };
    if (contentText(remoteContent) === contentText(local.content)) {
      actions.push({ kind: 'unchanged', ...base });
      continue;
    }
    const changes = diffPages(remoteContent, local.content);
    if (local.version === undefined || sameVersion(local.version, remote.version)) {
      actions.push({ kind: 'update', ...base, changes });
      continue;
    }
    // The platform moved since the last pull. Unedited since then, the file is only behind.
    const synced = input.state.pages[local.id];
    const edited = !synced || synced.hash !== contentHash(local.content);
    actions.push({ kind: edited ? 'conflict' : 'behind', ...base, changes });
  }
  for (const [id, synced] of Object.entries(input.state.pages)) {
    if (byId.has(id) || input.local.some((l) => l.id === id)) continue;
    const remote = input.remote.get(id);
    if (!remote) continue; // gone from the platform too: nothing to do
    if (synced.version === undefined || sameVersion(synced.version, remote.version)) actions.push({ kind: 'archive', id, name: remote.name, file: synced.file, version: remote.version });
    else actions.push({ kind: 'archive-conflict', id, name: remote.name, file: synced.file, version: synced.version, remoteVersion: remote.version });
  }
  const known = new Set([...input.local.map((l) => l.id), ...Object.keys(input.state.pages)]);
  for (const [id, remote] of input.remote) {
    if (known.has(id) || (input.inScope && !input.inScope.has(id))) continue;
    actions.push({ kind: 'remote-only', id, name: remote.name });
  }
  return actions;
}
