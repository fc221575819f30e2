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
