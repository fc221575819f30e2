/**
 * A data slice: which rows of `interactions` an embed (or a key) may see.
 * Written as `{column: value | [values]}`; the canonical form lists each
 * column's allowed values, sorted. Only the columns below can be sliced: the
 * local platform enforces a slice inside the database with a row-level
 * security policy generated from this same list, so a slice naming anything
 * else cannot be enforced and is refused, never widened.
 */

/** Text columns of `interactions` a slice may narrow, each by equality. */
export const SLICE_COLUMNS = ['channel', 'direction', 'topic', 'sentiment', 'customer_id', 'agent_id', 'deal_stage'] as const;
export type SliceColumn = (typeof SLICE_COLUMNS)[number];

/** Canonical: each column once, values sorted and unique, never empty. */
export type SliceRules = Partial<Record<SliceColumn, string[]>>;

export type RulesResult = { ok: true; rules: SliceRules | undefined } | { ok: false; message: string };

const MAX_VALUES = 100;
const MAX_VALUE_LENGTH = 200;

function isSliceColumn(name: string): name is SliceColumn {
  return (SLICE_COLUMNS as readonly string[]).includes(name);
}

/**
 * Reads rules as a minting request or a token carries them. `undefined`
 * (and `{}`) mean no slice. Anything else that is not a known column mapped
 * to a string or a non-empty list of strings is refused with the reason.
 */
export function parseSliceRules(input: unknown): RulesResult {
  if (input === undefined || input === null) return { ok: true, rules: undefined };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'rules must be an object such as {"channel": "email"} or {"channel": ["email", "chat"]}' };
  }
  const rules: SliceRules = {};
  for (const [column, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!isSliceColumn(column)) {
      return { ok: false, message: `rules.${column}: cannot be enforced; a slice may narrow ${SLICE_COLUMNS.join(', ')}` };
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) return { ok: false, message: `rules.${column}: an empty list would show nothing; name at least one value` };
    if (values.length > MAX_VALUES) return { ok: false, message: `rules.${column}: at most ${MAX_VALUES} values` };
    for (const v of values) {
      if (typeof v !== 'string' || v.length === 0 || v.length > MAX_VALUE_LENGTH) {
        return { ok: false, message: `rules.${column}: each value must be a non-empty string of at most ${MAX_VALUE_LENGTH} characters` };
      }
    }
    rules[column] = [...new Set(values as string[])].sort();
  }
  return { ok: true, rules: Object.keys(rules).length > 0 ? canonical(rules) : undefined };
}

function canonical(rules: SliceRules): SliceRules {
  const out: SliceRules = {};
  for (const column of SLICE_COLUMNS) if (rules[column]) out[column] = rules[column];
  return out;
}

/**
 * Both slices at once: a column narrowed by either stays narrowed, one
 * narrowed by both keeps the values they share. `empty` names a column left
 * with no value: such a slice shows nothing and is refused by its callers.
 */
export function intersectSlices(a: SliceRules | undefined, b: SliceRules | undefined): { rules: SliceRules | undefined; empty?: SliceColumn } {
  if (!a) return { rules: b };
  if (!b) return { rules: a };
  const out: SliceRules = {};
  for (const column of SLICE_COLUMNS) {
    const x = a[column];
    const y = b[column];
    if (!x && !y) continue;
    const values = x && y ? x.filter((v) => y.includes(v)) : (x ?? y)!;
    if (values.length === 0) return { rules: undefined, empty: column };
    out[column] = values;
  }
  return { rules: out };
}

/** True when every row `applied` lets through, `requested` lets through too (applied is at least as narrow). */
export function sliceWithin(applied: SliceRules | undefined, requested: SliceRules | undefined): boolean {
  if (!requested) return true;
  if (!applied) return false;
  return SLICE_COLUMNS.every((column) => {
    const want = requested[column];
    if (!want) return true;
    const got = applied[column];
    return got !== undefined && got.every((v) => want.includes(v));
  });
}

/** A stable text for a slice (cache keys, logs): the same slice always gives the same text. */
export function sliceKey(rules: SliceRules | undefined): string {
  return rules ? JSON.stringify(canonical(rules)) : '*';
}
