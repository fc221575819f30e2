/**
 * What the pages list does to one page, through the platform client:
 * duplicate, archive (the contract's DELETE) and restore (undo).
 */
import type { Page, PlatformClient } from '../platform';
import { isPlatformError, PlatformError } from '../platform';

/** The contract's longest name (the local platform refuses longer). */
const MAX_NAME = 200;
const COPY_SUFFIX = ' (copy)';
const QUERY_KEYS = ['name', 'source', 'sql', 'query', 'target', 'params'] as const;

export function copyName(name: string): string {
  const room = MAX_NAME - COPY_SUFFIX.length;
  const base = name.length > room ? name.slice(0, room).trimEnd() : name;
  return `${base}${COPY_SUFFIX}`;
}

/** The fields a create accepts: a platform may send extra or null ones on a read. */
function queriesToSend(page: Page): Record<string, unknown>[] {
  return page.declared_queries.map((query) => {
    const out: Record<string, unknown> = {};
    for (const key of QUERY_KEYS) {
      const value = (query as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) out[key] = value;
    }
    return out;
  });
}

/** A new draft named "<name> (copy)" with the same tags, queries and spec. */
export async function duplicatePage(client: PlatformClient, id: string): Promise<Page> {
  const source = await client.getPage(id);
  return client.createPage({
    name: copyName(source.name),
    tags: source.tags,
    declared_queries: queriesToSend(source) as never,
    spec: source.spec,
  });
}

export interface ArchivedPage {
  id: string;
  name: string;
  /** What Undo puts back. */
  previousStatus: 'draft' | 'published';
  /** The archived page's version when the platform said it (guards Undo against a later change). */
  version?: number | string;
}

export async function archivePage(client: PlatformClient, id: string): Promise<ArchivedPage> {
  const before = await client.getPage(id);
  const archived = await client.archivePage(id);
  const version = archived?.version ?? undefined;
  return {
    id,
    name: before.name,
    previousStatus: before.status === 'published' ? 'published' : 'draft',
    ...(version !== undefined ? { version } : {}),
  };
}

/**
 * Undo of an archive: a PATCH of the status alone, which the local platform
 * takes as a restore (ours; the contract names no unarchive). A platform that
 * answers 404 cannot restore: the page stays archived, nothing is lost.
 */
export async function restorePage(client: PlatformClient, id: string, status: 'draft' | 'published', version?: number | string): Promise<Page> {
  try {
    return await client.updatePage(id, { status }, version !== undefined ? { ifMatch: version } : {});
  } catch (error) {
    if (isPlatformError(error) && error.status === 404) {
      throw new PlatformError({
        status: 404,
        code: 'not_found',
        message: `The platform could not restore page ${id}: it is archived (not deleted), and this platform does not un-archive through the API`,
      });
    }
    throw error;
  }
}
