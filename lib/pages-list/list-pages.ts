/**
 * One screen of the pages list, paged with the platform's own cursor.
 *
 * The contract's `GET /pages` filters by `tag` only, so the tag goes to the
 * platform; a name search (`q`) and a status are checked here, on the pages
 * the platform returns, walking its cursor until a screen is full. The tag is
 * checked here too, so a platform that ignores it cannot widen the list.
 * Archived pages never come back from the list (contract), so no status here
 * can show them.
 */
import type { ListPage, PageSummary } from '../platform';
import type { ListableStatus } from './list-url';

export const PAGE_SIZE = 25;
/** Pages asked for per call while filtering here (the contract's maximum). */
export const SCAN_BATCH = 100;
/** Platform calls one screen may take while filtering here; past them the screen is shorter and says so. */
export const MAX_SCAN_CALLS = 10;

export type ListOnce = (params: { limit: number; cursor?: string; tag?: string }) => Promise<ListPage<PageSummary>>;

export interface PagesListQuery {
  q?: string;
  tag?: string;
  status?: ListableStatus;
  /** A cursor this module issued (opaque to the browser). */
  cursor?: string;
  pageSize?: number;
}

export interface PagesListScreen {
  items: PageSummary[];
  /** Where the next screen starts; null at the end. */
  nextCursor: string | null;
  /** Pages the platform returned for this screen (filtered here or not). */
  scanned: number;
  /** The scan stopped at MAX_SCAN_CALLS before the screen filled: more may match further on. */
  scanStopped: boolean;
}

/** A position in the platform's list: its cursor (null: the start), items to skip in that batch, the batch size. */
interface Position {
  c: string | null;
  s: number;
  n: number;
}

export class BadListCursorError extends Error {
  constructor() {
    super('the list position in this link is not one this studio made (it may be from an older version): start from the first page');
    this.name = 'BadListCursorError';
  }
}

export function encodeListCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeListCursor(cursor: string): Position {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
    const { c, s, n } = value;
    if ((c === null || typeof c === 'string') && Number.isInteger(s) && Number.isInteger(n) && s! >= 0 && n! >= 1 && n! <= 100 && s! < n!) {
      return { c, s: s!, n: n! };
    }
  } catch {
    // fall through
  }
  throw new BadListCursorError();
}

/** Case- and width-insensitive ("Ｑ" finds "q"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en');
}

function matcher(query: PagesListQuery): (page: PageSummary) => boolean {
  const needle = query.q ? foldForSearch(query.q.trim()) : '';
  return (page) =>
    (needle === '' || foldForSearch(page.name).includes(needle)) &&
    (query.tag === undefined || page.tags.includes(query.tag)) &&
    (query.status === undefined || page.status === query.status);
}

export async function listPagesScreen(listOnce: ListOnce, query: PagesListQuery): Promise<PagesListScreen> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const filteredHere = Boolean(query.q?.trim()) || query.status !== undefined;
  const batch = filteredHere ? SCAN_BATCH : pageSize;
  let at: Position = query.cursor ? decodeListCursor(query.cursor) : { c: null, s: 0, n: batch };
  const matches = matcher(query);
  const items: PageSummary[] = [];
  const seen = new Set<string>();
  let scanned = 0;
  for (let calls = 1; ; calls++) {
    const page = await listOnce({ limit: at.n, ...(at.c ? { cursor: at.c } : {}), ...(query.tag ? { tag: query.tag } : {}) });
    for (let i = at.s; i < page.items.length; i++) {
      const item = page.items[i]!;
      scanned++;
      if (!matches(item)) continue;
      // One past a full screen: the next screen starts exactly here.
      if (items.length === pageSize) return { items, nextCursor: encodeListCursor({ c: at.c, s: i, n: at.n }), scanned: scanned - 1, scanStopped: false };
      items.push(item);
    }
    const next = page.next_cursor;
    if (next === null || seen.has(next)) return { items, nextCursor: null, scanned, scanStopped: false };
    seen.add(next);
    const following: Position = { c: next, s: 0, n: batch };
    // Nothing filtered here: trust the platform's cursor instead of fetching a batch to look ahead.
    if (!filteredHere && items.length === pageSize) return { items, nextCursor: encodeListCursor(following), scanned, scanStopped: false };
    if (calls >= MAX_SCAN_CALLS) return { items, nextCursor: encodeListCursor(following), scanned, scanStopped: true };
    at = following;
  }
}
