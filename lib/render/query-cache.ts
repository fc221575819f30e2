/**
 * Query results kept for a short time, keyed by who asks (the identity whose
 * key runs the query, and the data slice) and what (the final SQL), so an
 * answer is never served to another identity or slice. Concurrent requests
 * for the same key share one platform call (single flight). Entries carry
 * tags (the pages that used them) so a page's edit drops what it showed.
 *
 * `ResultCache` is what the render path needs; `QueryCache` keeps answers in
 * this process, `RedisQueryCache` (redis-query-cache.ts) shares them between
 * app instances. `query-cache-from-env.ts` picks one.
 */
import type { SqlResult } from './run-queries';

interface Entry {
  at: number;
  value: SqlResult;
  tags: readonly string[];
}

export interface CacheAnswer {
  value: SqlResult;
  /** True when this caller made no platform call: a fresh entry, or another caller's call in flight. */
  cached: boolean;
}

export interface ResultCache {
  readonly ttlMs: number;
  /** The answer for `key`, running `run` only when no fresh answer or call in flight exists. */
  getOrRun(key: string, tags: readonly string[], run: () => Promise<SqlResult>): Promise<CacheAnswer>;
  /** Drops what a tag (a page) used; calls in flight when it happens do not store their answer for later readers. */
  invalidate(tag: string): void;
  close?(): Promise<void>;
}

export class QueryCache implements ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<SqlResult>>();
  /** Grows on every invalidation: a call that started before one must not store its (maybe stale) answer. */
  private generation = 0;
  /** Platform calls this cache let through (misses), for measurements. */
  calls = 0;

  constructor(
    readonly ttlMs = 5_000,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  static key(scope: string, sql: string): string {
    return `${scope}\u0000${sql}`;
  }

  get(key: string): SqlResult | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: the oldest is dropped first.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  async getOrRun(key: string, tags: readonly string[], run: () => Promise<SqlResult>): Promise<CacheAnswer> {
    if (this.ttlMs <= 0) return { value: await run(), cached: false };
    const hit = this.get(key);
    if (hit) {
      this.tag(key, tags);
      return { value: hit, cached: true };
    }
    const pending = this.inFlight.get(key);
    if (pending) return { value: await pending, cached: true };
    const started = this.generation;
    this.calls++;
    const call = run();
    this.inFlight.set(key, call);
    try {
      const value = await call;
      if (this.generation === started) this.set(key, value, tags);
      return { value, cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private set(key: string, value: SqlResult, tags: readonly string[]): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value, tags: [...new Set(tags)] });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  private tag(key: string, tags: readonly string[]): void {
    const entry = this.entries.get(key);
    if (entry && tags.some((t) => !entry.tags.includes(t))) this.entries.set(key, { ...entry, tags: [...new Set([...entry.tags, ...tags])] });
  }

  /** Drops every entry a tag (a page) used, and keeps calls in flight from storing theirs. */
  invalidate(tag: string): number {
    this.generation++;
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.tags.includes(tag)) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
