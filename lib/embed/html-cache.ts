/**
 * Rendered embed pages, kept for about a second in front of Next: the app's
 * server (scripts/serve-app.ts) answers a crowd of viewers of one embed from
 * here, after verifying each viewer's token, without running the framework
 * for every request. An entry is keyed by the render grant (page, slice,
 * params, theme: never the token) and the response encoding, and a page's
 * entries go the moment the page changes. The state is on globalThis: the
 * server and the app's bundle load this module separately in one process.
 */
export interface CachedEmbed {
  pageId: string;
  at: number;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface HtmlCacheState {
  entries: Map<string, CachedEmbed>;
  /** Pages changed since: an answer rendered before a page's change is not stored. */
  changed: Map<string, number>;
}

const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 2_000_000;
const holder = globalThis as typeof globalThis & { __amdahlEmbedHtml?: HtmlCacheState };

function state(): HtmlCacheState {
  holder.__amdahlEmbedHtml ??= { entries: new Map(), changed: new Map() };
  return holder.__amdahlEmbedHtml;
}

export function getEmbedHtml(key: string, ttlMs: number, now = Date.now()): CachedEmbed | undefined {
  const hit = state().entries.get(key);
  if (!hit) return undefined;
  if (now - hit.at >= ttlMs) {
    state().entries.delete(key);
    return undefined;
  }
  return hit;
}

/** Stores an answer whose rendering started at `startedAt`, unless its page changed meanwhile. */
export function putEmbedHtml(key: string, entry: CachedEmbed, startedAt: number): void {
  const s = state();
  if ((s.changed.get(entry.pageId) ?? 0) >= startedAt || entry.body.length > MAX_BODY_BYTES) return;
  s.entries.delete(key);
  s.entries.set(key, entry);
  while (s.entries.size > MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
}

export function dropEmbedHtml(pageId: string, now = Date.now()): void {
  const s = state();
  s.changed.set(pageId, now);
  for (const [key, entry] of s.entries) if (entry.pageId === pageId) s.entries.delete(key);
}
