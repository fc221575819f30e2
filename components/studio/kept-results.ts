/**
 * The query results the studio has shown, kept by execution key (the server
 * names each bound query's key: its source, SQL and params). A preview sends
 * the keys held here; the server skips those runs and lists their names as
 * `unchanged`, and `merge` puts the kept results back under those names. Only
 * successes are kept: a failure (a timeout, a rate limit) is asked again.
 * Entries expire so a long session still sees fresh data.
 */
import type { RenderData } from '../../lib/host/host';
import type { QueryOutcome } from '../../lib/render/run-queries';

type Success = Extract<QueryOutcome, { ok: true }>;

export class KeptResults {
  private readonly entries = new Map<string, { at: number; outcome: Success }>();

  constructor(
    private readonly maxEntries = 50,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keys fresh enough to skip; anything older is run again. */
  known(): string[] {
    const cutoff = this.now() - this.maxAgeMs;
    return [...this.entries].filter(([, e]) => e.at > cutoff).map(([key]) => key);
  }

  /**
   * The render with every `unchanged` query's kept result filled in, and this
   * answer's successes kept; undefined when a kept result is gone (ask again
   * without keys).
   */
  merge(render: RenderData): RenderData | undefined {
    const keys = render.keys ?? {};
    const outcomes: Record<string, QueryOutcome> = { ...render.outcomes };
    for (const name of render.unchanged ?? []) {
      const kept = this.entries.get(keys[name] ?? '');
      if (!kept) return undefined;
      // Used again: the last to be dropped.
      this.entries.delete(keys[name]!);
      this.entries.set(keys[name]!, kept);
      outcomes[name] = { ...kept.outcome, cached: true, result: { ...kept.outcome.result, query: name } };
    }
    for (const [name, outcome] of Object.entries(render.outcomes)) {
      const key = keys[name];
      if (!key || !outcome.ok) continue;
      this.entries.delete(key);
      this.entries.set(key, { at: this.now(), outcome });
    }
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { ...render, outcomes };
  }
}
