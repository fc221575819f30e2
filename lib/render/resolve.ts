/**
 * Resolves one node's props for its renderer: zod applies the defaults, then
 * `$query` becomes BoundRows and `$value` the field of the first row. What
 * cannot be resolved is said in a NodeProblem, which the tree renderer shows
 * as the node's error card.
 */
import type { ComponentDefinition } from '../spec/define';
import { bindingQueryName, isObject } from '../spec/document';
import type { Scalar } from '../spec/resolved';
import type { QueryOutcome } from './run-queries';

export interface NodeProblem {
  title: string;
  message: string;
}

export type Resolution = { ok: true; props: Record<string, unknown> } | { ok: false; problem: NodeProblem };

function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function resolveProps(def: ComponentDefinition, rawProps: Record<string, unknown>, outcomes: Record<string, QueryOutcome>): Resolution {
  const parsed = def.props.safeParse(rawProps);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'props';
    return { ok: false, problem: { title: `${def.type}: invalid props`, message: `${where}: ${issue?.message ?? 'invalid'}` } };
  }
  const props: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) };
  for (const [name, value] of Object.entries(props)) {
    const queryName = bindingQueryName(value);
    if (queryName === undefined || !isObject(value)) continue;
    const outcome = outcomes[queryName];
    if (!outcome) return { ok: false, problem: { title: `Query ${queryName} did not run`, message: `${def.type}.${name} binds "${queryName}", which has no result` } };
    if (!outcome.ok) return { ok: false, problem: { title: `Query ${queryName} failed`, message: `${outcome.error.code}: ${outcome.error.message}` } };
    if (typeof value.$query === 'string') props[name] = outcome.result;
    else {
      const field = String((value.$value as { field: unknown }).field);
      const first = outcome.result.rows[0];
      if (first && !(field in first)) {
        return { ok: false, problem: { title: `No column ${field}`, message: `"${queryName}" returns ${outcome.result.columns.map((c) => c.name).join(', ')}` } };
      }
      props[name] = toScalar(first?.[field]);
    }
  }
  return { ok: true, props };
}
