/**
 * A folder of pages: one canonical file per page, `<slug>.page.json`, holding
 * the page's `id` (once it exists on the platform), the `version` it was last
 * pulled or pushed at, and its name, tags, declared queries and spec: the
 * same text `amdahl-pages fmt` writes. A `$schema` first, when the file has
 * one, points editors at the page JSON Schema; it is the file's, never the
 * platform's: it is not sent, compared or hashed.
 */
import { createHash } from 'node:crypto';
import { isObject } from '../spec/document';
import { LineIndex, parseJsonText } from '../spec/json-text';
import { formatDocument, normalisePage } from '../spec/normalise';
import type { Page } from '../spec/page-model';

export const PAGE_FILE_SUFFIX = '.page.json';
/** Recorded query results for `amdahl-pages test`, beside the pages. */
export const DATA_DIR = '__data__';

export type PageVersion = number | string;

/** What the platform stores of a page, in canonical form: what push sends and diff compares. */
export function contentOf(value: unknown): Page {
  const page = normalisePage(value);
  // The pages API keeps no query descriptions: they stay in the file and out of comparisons.
  return { ...page, declared_queries: page.declared_queries.map(({ description: _d, ...q }) => q) };
}

/** The canonical text of a page's content (no id, no version): equal texts mean push changes nothing. */
export function contentText(page: Page): string {
  return formatDocument({ name: page.name, tags: page.tags, declared_queries: page.declared_queries, spec: page.spec });
}

export function contentHash(page: Page): string {
  return createHash('sha256').update(contentText(page)).digest('hex').slice(0, 32);
}

/** A page file's text: `$schema` (when given), then the stored page, canonical, with its id and version. */
export function pageFileText(page: { $schema?: string; id?: string; version?: PageVersion; name: string; tags?: string[]; declared_queries?: unknown[]; spec: unknown }): string {
  const out: Record<string, unknown> = {};
  if (page.$schema !== undefined) out.$schema = page.$schema;
  if (page.id !== undefined) out.id = page.id;
  out.name = page.name;
  out.tags = page.tags ?? [];
  if (page.version !== undefined) out.version = page.version;
  out.declared_queries = page.declared_queries ?? [];
  out.spec = page.spec;
  return formatDocument(out);
}

/** The `$schema` a file's JSON names, if it is a string. */
export function schemaOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.$schema === 'string' ? value.$schema : undefined;
}

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Where and why a text is not JSON (the first problem), or undefined when it is. */
export function syntaxProblemOf(text: string): SyntaxProblem | undefined {
  if (text.trim() === '') return { line: 1, column: 1, message: 'the file is empty' };
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const first = parseJsonText(text).errors[0];
    if (!first) return { line: 1, column: 1, message: (error as Error).message };
    return { ...new LineIndex(text).position(first.offset), message: first.message };
  }
}

/** A file's text with a new id and version, everything else as the author wrote it (in canonical form). */
export function withIdentity(value: Record<string, unknown>, id: string, version: PageVersion | undefined): string {
  const next: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'id' && key !== 'version') next[key] = v;
  return formatDocument({ id, ...next, ...(version !== undefined ? { version } : {}) });
}

export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'page';
}

/** The page's id and base version as written in its file. */
export function identityOf(value: unknown): { id?: string; version?: PageVersion } {
  if (!isObject(value)) return {};
  const id = typeof value.id === 'string' && value.id.trim() !== '' ? value.id : undefined;
  const version = typeof value.version === 'number' || typeof value.version === 'string' ? value.version : undefined;
  return { ...(id ? { id } : {}), ...(version !== undefined ? { version } : {}) };
}
