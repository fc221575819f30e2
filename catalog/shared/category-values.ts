/**
 * Categories as the category charts read them, with no React and no
 * recharts: a label per value, numbers summed per label, the largest with
 * the rest as "Other". The pie's view and its server-side drawing rule
 * (./drawing.ts) both use these, so the rows the server sends draw exactly
 * what the full rows would have.
 */
import { toNumber } from '../../lib/format/format-value';
import type { Row } from '../../lib/spec/resolved';

/** Shown for a null or empty category, so such rows stay visible instead of vanishing. */
export const NONE_LABEL = '(none)';

/**
 * A category as text: nulls get a visible name; a Date its ISO form, shortened
 * to the day at midnight UTC (date_trunc('day' | 'week' | 'month')) but kept
 * whole otherwise, so hourly buckets stay apart.
 */
export function categoryLabel(value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE_LABEL;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return NONE_LABEL;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface LabelledValue {
  label: string;
  value: number;
}

export interface SumResult {
  items: LabelledValue[];
  /** Rows whose value was null or not a number. */
  skipped: number;
}

/**
 * One number per label, in the order labels first appear; repeated labels are
 * summed. Values arrive as numbers or numeric strings (Postgres numeric).
 */
export function sumByLabel(rows: readonly Row[], labelColumn: string, valueColumn: string): SumResult {
  const totals = new Map<string, number>();
  let skipped = 0;
  for (const row of rows) {
    const n = toNumber(row[valueColumn]);
    if (n === undefined) {
      skipped++;
      continue;
    }
    const label = categoryLabel(row[labelColumn]);
    totals.set(label, (totals.get(label) ?? 0) + n);
  }
  return { items: [...totals].map(([label, value]) => ({ label, value })), skipped };
}

/**
 * The `limit` largest items, largest first, with the rest summed into one
 * `otherLabel` item. A rest of one item keeps its own name: an "Other" that
 * stands for a single category only hides which one it is.
 */
export function topWithOther(items: readonly LabelledValue[], limit: number, otherLabel: string): LabelledValue[] {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  if (sorted.length <= limit + 1) return sorted;
  const head = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((sum, item) => sum + item.value, 0);
  return [...head, { label: otherLabel, value: rest }];
}

