/**
 * The studio keeps the results it has already shown, keyed by what produced
 * them (source, SQL, params and their values: the plan's execution key). It
 * sends the keys it holds with each preview; the executions it holds are
 * left out of the run and answered as `unchanged`, so an edit that touches
 * only the spec reaches no platform at all. Keys are hashed: short, and
 * they carry no SQL back and forth.
 */
import { createHash } from 'node:crypto';
import type { RenderPlan } from '../render/plan';
import type { QueryOutcome } from '../render/run-queries';

export function executionKey(planKey: string): string {
  return createHash('sha256').update(planKey).digest('base64url').slice(0, 22);
}

export interface KnownSplit {
  /** The plan without the executions the caller already holds. */
  plan: RenderPlan;
  /** Every bound query name -> its execution key (run or not). */
  keys: Record<string, string>;
  /** Names whose execution the caller holds: not run, not answered. */
  unchanged: string[];
}

export function splitKnown(plan: RenderPlan, known: ReadonlySet<string>): KnownSplit {
  const keys: Record<string, string> = {};
  const unchanged: string[] = [];
  const queries = plan.queries.filter((planned) => {
    const key = executionKey(planned.key);
    for (const name of planned.names) keys[name] = key;
    if (!known.has(key)) return true;
    unchanged.push(...planned.names);
    return false;
  });
  return { plan: { ...plan, queries }, keys, unchanged };
}

/**
 * What this process last showed the studio, by execution key: a preview that
 * left a query out (the studio holds its result) still checks the values the
 * page shows (value warnings) against it, without a platform call. Bounded,
 * as the studio's own copy is; a key it no longer holds just goes unchecked
 * until that query runs again.
 */
export class PreviewResults {
  private readonly byKey = new Map<string, QueryOutcome>();

  constructor(private readonly max = 200) {}

  /** Keeps the successful outcomes `render` ran; answers every bound name's outcome, the held ones filled in. */
  complete(render: { outcomes: Record<string, QueryOutcome>; keys?: Record<string, string>; unchanged?: readonly string[] }): Record<string, QueryOutcome> {
    const keys = render.keys ?? {};
    for (const [name, outcome] of Object.entries(render.outcomes)) {
      const key = keys[name];
      if (!key || !outcome.ok) continue;
      this.byKey.delete(key);
      this.byKey.set(key, outcome);
      if (this.byKey.size > this.max) this.byKey.delete(this.byKey.keys().next().value as string);
    }
    const all = { ...render.outcomes };
    for (const name of render.unchanged ?? []) {
      const held = keys[name] ? this.byKey.get(keys[name]) : undefined;
      if (held) all[name] = held;
    }
    return all;
  }
}
