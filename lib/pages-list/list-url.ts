/**
 * The pages list's state lives in its URL (`/?q=&tag=&status=&cursor=&back=`)
 * so a filtered list can be linked and survives a reload. `back` holds the
 * cursors of the screens before this one (the first screen has none), joined
 * by "." (cursors are base64url, which has no dot): Previous pops one.
 */

/** Archived pages never come back from the platform's list, so these are the statuses it can show. */
export const LISTABLE_STATUSES = ['draft', 'published'] as const;
export type ListableStatus = (typeof LISTABLE_STATUSES)[number];

export interface ListFilters {
  q: string;
  tag: string;
  status: ListableStatus | '';
}

export interface ListLocation extends ListFilters {
  cursor: string;
  back: string[];
}

export interface ParsedListLocation {
  location: ListLocation;
  /** What in the URL was not understood, said plainly (the rest still applies). */
  problems: string[];
}

type SearchParamsLike = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: SearchParamsLike, key: string): string {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function parseListLocation(params: SearchParamsLike): ParsedListLocation {
  const problems: string[] = [];
  const rawStatus = first(params, 'status').trim();
  let status: ListFilters['status'] = '';
  if (rawStatus !== '') {
    if ((LISTABLE_STATUSES as readonly string[]).includes(rawStatus)) status = rawStatus as ListableStatus;
    else problems.push(`status=${JSON.stringify(rawStatus)} is not a status the list can show (${LISTABLE_STATUSES.join(' or ')}); showing every status`);
  }
  const back = first(params, 'back')
    .split('.')
    .filter((c) => c !== '');
  return {
    location: { q: first(params, 'q').trim(), tag: first(params, 'tag').trim(), status, cursor: first(params, 'cursor'), back },
    problems,
  };
}

/** The list's URL for these filters at this position; empty values are left out. */
export function listHref(location: Partial<ListLocation>): string {
  const params = new URLSearchParams();
  if (location.q) params.set('q', location.q);
  if (location.tag) params.set('tag', location.tag);
  if (location.status) params.set('status', location.status);
  if (location.cursor) params.set('cursor', location.cursor);
  if (location.cursor && location.back && location.back.length > 0) params.set('back', location.back.join('.'));
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** The first screen of other filters: a new filter starts from the top. */
export function filtersHref(filters: ListFilters): string {
  return listHref({ q: filters.q.trim(), tag: filters.tag.trim(), status: filters.status });
}

export function nextHref(location: ListLocation, nextCursor: string): string {
  return listHref({ ...location, cursor: nextCursor, back: location.cursor ? [...location.back, location.cursor] : [] });
}

/** Null on the first screen. */
export function previousHref(location: ListLocation): string | null {
  if (!location.cursor) return null;
  const back = location.back.slice(0, -1);
  return listHref({ ...location, cursor: location.back[location.back.length - 1] ?? '', back });
}

/** 1-based screen number. */
export function screenNumber(location: ListLocation): number {
  return location.cursor ? location.back.length + 2 : 1;
}
