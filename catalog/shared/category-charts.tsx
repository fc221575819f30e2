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
import { formatValue, type ValueFormat } from '../../lib/format/format-value';
import type { BoundRows } from '../../lib/spec/resolved';
import { categoryLabel } from './category-values';
import { useHydrated } from './use-hydrated';

export { NONE_LABEL, categoryLabel, sumByLabel, topWithOther, type LabelledValue, type SumResult } from './category-values';

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
