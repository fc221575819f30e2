import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from './errors';
import { JsonDocument } from './json-file';

export type PageStatus = 'draft' | 'published' | 'archived';

export interface Page {
  id: string;
  name: string;
  tags: string[];
  status: PageStatus;
  declared_queries: unknown[];
  spec: unknown;
  created_at: string;
  updated_at: string;
  version: number;
}

interface PagesFile {
  format: 1;
  pages: Page[];
}

export interface NewPage {
  name: string;
  tags: string[];
  declared_queries: unknown[];
  spec: unknown;
  status?: 'draft' | 'published';
}

export interface PagePatch {
  name?: string;
  tags?: string[];
  status?: 'draft' | 'published';
  declared_queries?: unknown[];
  spec?: unknown;
}

export interface ListOptions {
  limit: number;
  cursor?: string;
  tag?: string;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** Newest first; ties by id so the order is total and a cursor is exact. */
function compare(a: Page, b: Page): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function encodeCursor(page: Page): string {
  return Buffer.from(JSON.stringify([page.created_at, page.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new ApiError('invalid_argument', 'cursor is not one this server issued');
}

/** Strips what only the store keeps; archived pages never leave it. */
function publicPage(page: Page): Page {
  return { ...page };
}

/**
 * One business's pages: a JSON document on disk (`pages.json`), rewritten
 * atomically under a mutex on every change.
 */
export class PagesStore {
  private readonly doc: JsonDocument<PagesFile>;

  constructor(
    file: string,
    private readonly now: () => Date,
    initialPages: () => Promise<NewPage[]> = async () => [],
  ) {
    this.doc = new JsonDocument<PagesFile>(file, async () => {
      const seeds = await initialPages();
      const stamp = this.now().toISOString();
      return {
        format: 1,
        pages: seeds.map((seed) => ({
          id: newId('page'),
          name: seed.name,
          tags: seed.tags,
          status: seed.status ?? 'draft',
          declared_queries: seed.declared_queries,
          spec: seed.spec,
          created_at: stamp,
          updated_at: stamp,
          version: 1,
        })),
      };
    });
  }

  /** Loads the file (and seeds it on the very first start). */
  async open(): Promise<void> {
    await this.doc.read();
  }

  async list(options: ListOptions): Promise<{ items: Page[]; next_cursor: string | null }> {
    const file = await this.doc.read();
    let pages = file.pages.filter((p) => p.status !== 'archived');
    if (options.tag !== undefined) pages = pages.filter((p) => p.tags.includes(options.tag!));
    pages.sort(compare);
    if (options.cursor) {
      const [createdAt, id] = decodeCursor(options.cursor);
      const marker = { created_at: createdAt, id } as Page;
      pages = pages.filter((p) => compare(p, marker) > 0);
    }
    const items = pages.slice(0, options.limit);
    const more = pages.length > options.limit;
    return { items: items.map(publicPage), next_cursor: more ? encodeCursor(items[items.length - 1]!) : null };
  }

  async get(id: string): Promise<Page> {
    const file = await this.doc.read();
    const page = file.pages.find((p) => p.id === id);
    if (!page || page.status === 'archived') throw notFound(id);
    return publicPage(page);
  }

  async create(input: NewPage): Promise<Page> {
    return this.doc.update((draft) => {
      const stamp = this.now().toISOString();
      const page: Page = {
        id: newId('page'),
        name: input.name,
        tags: input.tags,
        status: input.status ?? 'draft',
        declared_queries: input.declared_queries,
        spec: input.spec,
        created_at: stamp,
        updated_at: stamp,
        version: 1,
      };
      draft.pages.push(page);
      return { next: draft, result: publicPage(page) };
    });
  }

  /** `expectedVersion`: the If-Match the caller sent; a different current version is a 409. */
  async update(id: string, patch: PagePatch, expectedVersion?: number): Promise<Page> {
    return this.doc.update((draft) => {
      const page = draft.pages.find((p) => p.id === id);
      // Ours: a patch of `status` alone brings an archived page back (the list's Undo); any other edit of one is a 404.
      const restoring = page?.status === 'archived' && patch.status !== undefined && Object.keys(patch).every((k) => k === 'status');
      if (!page || (page.status === 'archived' && !restoring)) throw notFound(id);
      if (expectedVersion !== undefined && page.version !== expectedVersion) {
        throw new ApiError(
          'failed_precondition',
          `page ${id} is at version ${page.version}, not ${expectedVersion}: it changed since you loaded it`,
          { current_version: page.version },
        );
      }
      if (patch.name !== undefined) page.name = patch.name;
      if (patch.tags !== undefined) page.tags = patch.tags;
      if (patch.status !== undefined) page.status = patch.status;
      if (patch.declared_queries !== undefined) page.declared_queries = patch.declared_queries;
      if (patch.spec !== undefined) page.spec = patch.spec;
      page.version += 1;
      page.updated_at = laterStamp(this.now(), page.updated_at);
      return { next: draft, result: publicPage(page) };
    });
  }

  async archive(id: string): Promise<Page> {
    return this.doc.update((draft) => {
      const page = draft.pages.find((p) => p.id === id);
      if (!page || page.status === 'archived') throw notFound(id);
      page.status = 'archived';
      page.version += 1;
      page.updated_at = laterStamp(this.now(), page.updated_at);
      return { next: draft, result: publicPage(page) };
    });
  }
}

/** updated_at never goes backwards, even with a frozen or skewed clock. */
function laterStamp(now: Date, previous: string): string {
  const stamp = now.toISOString();
  return stamp > previous ? stamp : previous;
}

function notFound(id: string): ApiError {
  return new ApiError('not_found', `no page with id ${id}`);
}

/** The demo pages, exactly as they are in their files (sorted by file name). */
export async function readSeedPages(dir: string): Promise<NewPage[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const pages: NewPage[] = [];
  for (const name of names) {
    const doc = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
    pages.push({
      name: String(doc.name ?? name.replace(/\.json$/, '')),
      tags: Array.isArray(doc.tags) ? (doc.tags as string[]) : [],
      declared_queries: Array.isArray(doc.declared_queries) ? (doc.declared_queries as unknown[]) : [],
      spec: doc.spec,
    });
  }
  return pages;
}
