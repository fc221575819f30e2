'use client';
/**
 * What the category charts (PieChart, FunnelChart, RadarChart, Treemap, Sankey,
 * SignalMap, GaugeChart) share: reading labels and numbers out of bound rows,
 * checking that named columns exist, a responsive chart area that also renders
 * at a fixed size in jsdom, a formatted tooltip and a line of notices for rows
 * a chart had to leave out.
 */
import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { formatValue, toNumber, type ValueFormat } from '../../lib/format/format-value';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { useHydrated } from './use-hydrated';

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

/** The columns of bound rows: as the platform sent them, else the first row's keys. */
export function columnNames(data: BoundRows): string[] {
  if (data.columns.length > 0) return data.columns.map((c) => c.name);
  const first = data.rows[0];
  return first ? Object.keys(first) : [];
}

/** Named columns the rows lack. Only meaningful when there are rows. */
export function missingColumns(data: BoundRows | undefined, names: readonly (string | undefined)[]): string[] {
  if (!data || data.rows.length === 0) return [];
  const have = new Set(columnNames(data));
  // A row may carry a column the column list omitted (hand-built rows): accept either.
  const first = data.rows[0] ?? {};
  return [...new Set(names.filter((n): n is string => !!n && !have.has(n) && !(n in first)))];
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

/** `n rows` with the right plural, for notices. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** A tooltip `formatter` that formats every value the same way. */
export function tooltipFormatter(format: ValueFormat) {
  return (value: unknown, name: unknown): [string, string] => [formatValue(value, format), categoryLabel(name)];
}

export const TOOLTIP_CONTENT_STYLE: CSSProperties = {
  background: 'var(--ap-surface, #fff)',
  border: '1px solid var(--ap-border, #e1e4ea)',
  borderRadius: 6,
  fontSize: 12,
  padding: '6px 8px',
};

const bodyStyle: CSSProperties = { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 };
const areaStyle: CSSProperties = { flex: '1 1 auto', minHeight: 0, position: 'relative' };
const notesStyle: CSSProperties = { flex: '0 0 auto', margin: '6px 0 0', color: 'var(--ap-warning, #b7791f)', fontSize: '0.86em' };

/**
 * The body of a chart: the drawing on top, a line of notices under it (rows
 * left out, cycles dropped). Notices are part of the body so a person sees
 * why a number they expected is missing.
 */
export function ChartBody({ notes, children }: { notes?: readonly (string | false | null | undefined)[]; children: ReactNode }) {
  const shown = (notes ?? []).filter((n): n is string => typeof n === 'string' && n.length > 0);
  return (
    <div style={bodyStyle}>
      <div style={areaStyle}>{children}</div>
      {shown.length > 0 ? (
        <p role="note" className="ap-chart-notes" style={notesStyle}>
          {shown.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A recharts chart that fills its box. Browsers measure the box; where nothing
 * can be measured (jsdom) it starts at `width` x `height`, so tests see real
 * SVG. Recharts draws nothing on the server, so the server's HTML (and the
 * first paint, before the chart's code arrives) holds a faint placeholder of
 * the chart's shape in the sized box instead: a disc for a pie or a radar, a
 * block for a treemap or a flow.
 */
export function ChartArea({ height, width = 640, shape, children }: { height: number; width?: number; shape: 'round' | 'block'; children: ReactElement }) {
  const hydrated = useHydrated();
  if (!hydrated) return <div className={`ap-chart-placeholder ap-chart-placeholder-${shape}`} aria-hidden="true" data-chart-placeholder="" />;
  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width, height }}>
      {children}
    </ResponsiveContainer>
  );
}

/** Shown in the frame when a prop names a column the rows do not have. */
export function MissingColumns({ data, missing }: { data: BoundRows; missing: readonly string[] }) {
  return (
    <div className="ap-empty" role="alert">
      <span>
        {missing.length === 1 ? 'Column ' : 'Columns '}
        {missing.map((m, i) => (
          <span key={m}>
            {i > 0 ? ', ' : ''}
            <code>{m}</code>
          </span>
        ))}{' '}
        {missing.length === 1 ? 'is' : 'are'} not in the rows of <code>{data.query}</code>.
      </span>
    </div>
  );
}

/** The same kind of message, for a body with rows but nothing drawable (all null, all negative...). */
export function NothingToDraw({ children }: { children: ReactNode }) {
  return <div className="ap-empty">{children}</div>;
}

/** Approximate body height for the initial (unmeasured) render, as ChartFrame sizes it. */
export function frameBodyHeight(height: number, layout: string | undefined): number {
  return layout === 'single' ? Math.max(height, 480) : height;
}
