/**
 * What the x/y charts (BarChart, LineChart, AreaChart, ScatterChart,
 * ComposedChart) share: reading column types, turning rows into plain numeric
 * chart rows, date detection and time ticks, axis and tooltip formatting
 * through formatValue, series colours, LTTB downsampling across several
 * series, and the prop schemas they have in common. No React here: the
 * definitions import this file too. The React parts are in cartesian-view.tsx.
 */
import type { CSSProperties } from 'react';
import { formatValue, toNumber, type ValueFormat } from '../../lib/format/format-value';
import { lttbIndices } from '../../lib/downsample/lttb';
import type { BoundRows } from '../../lib/spec/resolved';
import type { PageLayout } from '../view-types';
import { seriesColor } from './palette';

// ---------------------------------------------------------------------------
// Column types

export type ColumnKind = 'time' | 'number' | 'boolean' | 'category';

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8', 'smallint', 'integer', 'bigint', 'int', 'serial', 'bigserial', 'smallserial', 'oid']);
const DECIMAL_TYPES = new Set(['numeric', 'decimal', 'float4', 'float8', 'real', 'double precision', 'double', 'float', 'money']);
const TIMESTAMP_TYPES = new Set(['timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone']);
const DATE_TYPES = new Set(['date']);
const BOOLEAN_TYPES = new Set(['bool', 'boolean']);

/** `NUMERIC(12,2)` -> `numeric`; array types stay unrecognised. */
function normaliseType(type: string | undefined): string | undefined {
  if (!type) return undefined;
  return type.trim().toLowerCase().replace(/\s*\(.*\)\s*$/, '');
}

export function columnType(data: BoundRows, name: string): string | undefined {
  return normaliseType(data.columns.find((c) => c.name === name)?.type);
}

export const isIntegerType = (t: string | undefined) => t !== undefined && INTEGER_TYPES.has(normaliseType(t)!);
export const isNumericType = (t: string | undefined) => t !== undefined && (INTEGER_TYPES.has(normaliseType(t)!) || DECIMAL_TYPES.has(normaliseType(t)!));
export const isTemporalType = (t: string | undefined) =>
  t !== undefined && (TIMESTAMP_TYPES.has(normaliseType(t)!) || DATE_TYPES.has(normaliseType(t)!));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds since the epoch for a Date, an ISO or Postgres-text timestamp, or a number taken as milliseconds. */
export function toTime(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    if (!ISO_DATE.test(s)) return undefined;
    // A bare date is midnight UTC (as formatValue shows dates in UTC); Postgres
    // text output "2026-05-01 00:00:00+00" becomes "2026-05-01T00:00:00+00:00".
    const iso = s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function looksTemporal(value: unknown): boolean {
  return value instanceof Date || (typeof value === 'string' && ISO_DATE.test(value.trim()));
}

/**
 * What a column holds: the Postgres type when the platform sent one, else the
 * first non-null values (up to 50) must all agree.
 */
export function columnKind(data: BoundRows, name: string): ColumnKind {
  const type = columnType(data, name);
  if (type) {
    if (isTemporalType(type)) return 'time';
    if (isNumericType(type)) return 'number';
    if (BOOLEAN_TYPES.has(type)) return 'boolean';
    return 'category';
  }
  let seen = 0;
  let time = true;
  let num = true;
  let bool = true;
  for (const row of data.rows) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    seen++;
    if (!looksTemporal(v)) time = false;
    if (typeof v !== 'number' && typeof v !== 'bigint' && !(typeof v === 'string' && toNumber(v) !== undefined)) num = false;
    if (typeof v !== 'boolean') bool = false;
    if (seen >= 50 || (!time && !num && !bool)) break;
  }
  if (seen === 0) return 'category';
  if (time) return 'time';
  if (num) return 'number';
  if (bool) return 'boolean';
  return 'category';
}

/** The format a column is shown in when the author chose none. */
export function defaultFormatForType(type: string | undefined): ValueFormat {
  const t = normaliseType(type);
  if (!t) return 'auto';
  if (INTEGER_TYPES.has(t)) return 'integer';
  if (DECIMAL_TYPES.has(t)) return 'number';
  if (DATE_TYPES.has(t)) return 'date';
  if (TIMESTAMP_TYPES.has(t)) return 'datetime';
  // Text, booleans (Yes/No), json and the rest: `auto` shows strings as they are.
  return 'auto';
}

/** `auto` resolved against the first series' column: integers stay integers. */
export function resolveValueFormat(format: ValueFormat, data: BoundRows, column: string | undefined): ValueFormat {
  if (format !== 'auto' || column === undefined) return format;
  const type = columnType(data, column);
  if (isIntegerType(type)) return 'integer';
  return 'number';
}

// ---------------------------------------------------------------------------
// Formatting

export interface FormatChoice {
  format: ValueFormat;
  currency?: string;
}

/** A value as the tooltip shows it. */
export function valueFormatter({ format, currency }: FormatChoice): (value: unknown) => string {
  return (value) => formatValue(value, format, { currency });
}

/**
 * A value-axis tick: like the tooltip, but an axis reaching 10,000 or more
 * goes compact (12K, $1.2M) on every tick, so one axis never mixes "9,000"
 * with "13.5K". `reach` is the largest absolute value the axis shows; without
 * it each tick decides alone.
 */
export function axisFormatter({ format, currency }: FormatChoice, reach?: number): (value: unknown) => string {
  const compactAt = (n: number, limit: number) => Math.abs(reach ?? n) >= limit;
  if (format === 'auto' || format === 'number' || format === 'integer' || format === 'decimal') {
    return (value) => {
      const n = toNumber(value);
      if (n === undefined) return value === null || value === undefined ? '' : String(value);
      if (compactAt(n, 10_000)) return formatValue(n, 'compact');
      return formatValue(n, format === 'auto' ? 'number' : format);
    };
  }
  if (format === 'currency') {
    return (value) => {
      const n = toNumber(value);
      if (n === undefined) return formatValue(value, 'currency', { currency });
      // $1.2M rather than $1,200,000; whole ticks without cents ($0, $500).
      if (compactAt(n, 100_000)) return formatValue(n, 'currency', { currency, digits: 0 }).replace(/[\d.,\s\u00a0]+/, formatValue(Math.abs(n), 'compact'));
      return formatValue(n, 'currency', { currency, digits: Number.isInteger(n) ? 0 : undefined });
    };
  }
  return (value) => formatValue(value, format, { currency });
}

/** The largest absolute value of an extent, for `axisFormatter`'s `reach`. */
export const reachOf = ([min, max]: readonly [number, number]) => Math.max(Math.abs(min), Math.abs(max));

/** A rough pixel width for an axis that must fit these labels (12px system font). */
export function axisWidthFor(labels: readonly string[], min = 36, max = 160): number {
  let longest = 0;
  for (const l of labels) longest = Math.max(longest, l.length);
  return Math.max(min, Math.min(max, Math.ceil(longest * 7 + 14)));
}

// ---------------------------------------------------------------------------
// Time axis

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIXED_STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

export interface TimeTicks {
  ticks: number[];
  /** `date` when ticks fall on whole days, else `datetime`. */
  format: ValueFormat;
}

/** Round tick positions (UTC hours, days, Mondays, first of months) between min and max, about `target` of them. */
export function timeTicks(min: number, max: number, target = 6): TimeTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], format: 'date' };
  if (max <= min) return { ticks: [min], format: min % DAY === 0 ? 'date' : 'datetime' };
  const span = max - min;
  const fixed = FIXED_STEPS.find((s) => span / s <= target);
  if (fixed !== undefined) {
    // Weeks start on Monday (1970-01-05 was one); shorter steps align to the epoch in UTC.
    const origin = fixed >= 7 * DAY ? 4 * DAY : 0;
    let t = Math.ceil((min - origin) / fixed) * fixed + origin;
    const ticks: number[] = [];
    for (; t <= max && ticks.length < 100; t += fixed) ticks.push(t);
    return { ticks, format: fixed >= DAY ? 'date' : 'datetime' };
  }
  const months = MONTH_STEPS.find((m) => span / (m * 30.44 * DAY) <= target) ?? MONTH_STEPS[MONTH_STEPS.length - 1]!;
  const start = new Date(min);
  let y = start.getUTCFullYear();
  let m = Math.ceil(start.getUTCMonth() / months) * months;
  let t = Date.UTC(y, m, 1);
  if (t < min) {
    m += months;
    t = Date.UTC(y, m, 1);
  }
  const ticks: number[] = [];
  while (t <= max && ticks.length < 100) {
    ticks.push(t);
    m += months;
    y += Math.floor(m / 12);
    m %= 12;
    t = Date.UTC(y, m, 1);
  }
  return { ticks, format: 'date' };
}

/** Whole UTC days show as dates; anything with a time of day as date and time. */
export function timeLabelFormat(times: Iterable<number>): ValueFormat {
  for (const t of times) if (t % DAY !== 0) return 'datetime';
  return 'date';
}

// ---------------------------------------------------------------------------
// Series

export interface Series {
  /** Key in the chart rows (`s0`, `s1`, ...): column names may hold dots, which recharts reads as paths. */
  key: string;
  column: string;
  label: string;
  color: string;
}

export function asColumnList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : [...value];
  return [...new Set(list)];
}

export function buildSeries(
  columns: readonly string[],
  opts: { labels?: Readonly<Record<string, string>>; colors?: readonly string[]; offset?: number } = {},
): Series[] {
  const offset = opts.offset ?? 0;
  return columns.map((column, i) => ({
    key: `s${i + offset}`,
    column,
    label: opts.labels?.[column] ?? column,
    color: seriesColor(i + offset, opts.colors),
  }));
}

/** Columns the chart names that the result does not have (so the view can say so instead of drawing nothing). */
export function missingColumns(data: BoundRows, names: readonly (string | undefined)[]): string[] {
  const known = new Set(data.columns.map((c) => c.name));
  if (known.size === 0 && data.rows[0]) for (const k of Object.keys(data.rows[0])) known.add(k);
  if (known.size === 0) return [];
  return [...new Set(names.filter((n): n is string => n !== undefined && !known.has(n)))];
}

// ---------------------------------------------------------------------------
// Chart rows

export type XKind = 'time' | 'number' | 'category';

/** One row as recharts reads it: `x` plus one number (or null for a gap) per series key. */
export type ChartRow = { x: number | string } & Record<string, number | string | null>;

/** A category key: dates become ISO strings so equal instants are equal keys. */
export function categoryKey(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface XYData {
  rows: ChartRow[];
  xKind: XKind;
  /** Rows with a usable x, before downsampling. */
  total: number;
  /** Rows left out because x was null or not a date/number. */
  skipped: number;
  downsampled: boolean;
}

/**
 * Rows -> chart rows for line, area and composed charts. A time or numeric x
 * is sorted ascending; more than `maxPoints` rows are reduced with LTTB, each
 * series keeping its own peaks (see `keepForSeries`). Values are read into
 * typed arrays first so that only the kept rows become objects: 100,000 rows
 * cost a few arrays, not 100,000 objects.
 */
export function prepareXY(
  data: BoundRows,
  x: string,
  series: readonly Series[],
  opts: { maxPoints: number; stacked?: boolean },
): XYData {
  const kind = columnKind(data, x);
  const xKind: XKind = kind === 'time' ? 'time' : kind === 'number' ? 'number' : 'category';
  const source = data.rows;
  const n = source.length;
  const rowOf = new Uint32Array(n);
  const xs = new Float64Array(n);
  const cats: string[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const raw = source[i]![x];
    if (xKind === 'category') {
      cats.push(categoryKey(raw));
      xs[count] = count;
    } else {
      const v = xKind === 'time' ? toTime(raw) : toNumber(raw);
      if (v === undefined) continue;
      xs[count] = v;
    }
    rowOf[count++] = i;
  }
  const skipped = n - count;

  // Display order: ascending x for dates and numbers, query order for categories.
  let order = new Uint32Array(count);
  for (let j = 0; j < count; j++) order[j] = j;
  if (xKind !== 'category') {
    let sorted = true;
    for (let j = 1; j < count && sorted; j++) if (xs[j]! < xs[j - 1]!) sorted = false;
    if (!sorted) order = order.sort((a, b) => xs[a]! - xs[b]! || a - b);
  }

  const values = series.map((s) => {
    const v = new Float64Array(count);
    for (let j = 0; j < count; j++) v[j] = toNumber(source[rowOf[j]!]![s.column]) ?? Number.NaN;
    return v;
  });

  let kept: ArrayLike<number> = order;
  if (count > opts.maxPoints) {
    const lines = opts.stacked ? [sumOf(values, count)] : values;
    const mask = keepForSeries(order, xKind === 'category' ? null : xs, lines, opts.maxPoints);
    const out: number[] = [];
    for (let k = 0; k < count; k++) if (mask[k]) out.push(order[k]!);
    kept = out;
  }

  const rows: ChartRow[] = new Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const j = kept[k]!;
    const row = { x: xKind === 'category' ? cats[j]! : xs[j]! } as ChartRow;
    for (let s = 0; s < series.length; s++) {
      const v = values[s]![j]!;
      row[series[s]!.key] = Number.isNaN(v) ? null : v;
    }
    rows[k] = row;
  }
  return { rows, xKind, total: count, skipped, downsampled: kept.length < count };
}

/** Per point, the sum of the series that have a value there (NaN when none has). */
function sumOf(values: readonly Float64Array[], count: number): Float64Array {
  const sum = new Float64Array(count).fill(Number.NaN);
  for (const v of values) {
    for (let j = 0; j < count; j++) {
      const y = v[j]!;
      if (!Number.isNaN(y)) sum[j] = Number.isNaN(sum[j]!) ? y : sum[j]! + y;
    }
  }
  return sum;
}

/**
 * Which positions of `order` to keep so that at most `maxPoints` remain: each
 * line gets an equal share of the budget for its own LTTB picks over its
 * non-null points, and the union of the picks is kept, so every kept row still
 * carries all series (tooltips and stacks stay whole). `xs` null = categories,
 * spaced evenly.
 */
export function keepForSeries(order: ArrayLike<number>, xs: Float64Array | null, lines: readonly Float64Array[], maxPoints: number): Uint8Array {
  const count = order.length;
  const keep = new Uint8Array(count);
  if (count === 0) return keep;
  keep[0] = 1;
  keep[count - 1] = 1;
  const budget = Math.max(3, Math.floor(maxPoints / Math.max(1, lines.length)));
  const pos: number[] = [];
  const px: number[] = [];
  const py: number[] = [];
  for (const line of lines) {
    pos.length = 0;
    px.length = 0;
    py.length = 0;
    for (let k = 0; k < count; k++) {
      const j = order[k]!;
      const y = line[j]!;
      if (Number.isNaN(y)) continue;
      pos.push(k);
      px.push(xs ? xs[j]! : k);
      py.push(y);
    }
    for (const i of lttbIndices(px, py, budget)) keep[pos[i]!] = 1;
  }
  return keep;
}

/** The smallest and largest value drawn, stacks summed per sign, for sizing the value axis. */
export function valueExtent(rows: readonly ChartRow[], keys: readonly string[], stacked: boolean): [number, number] {
  let min = 0;
  let max = 0;
  for (const row of rows) {
    if (stacked) {
      let pos = 0;
      let neg = 0;
      for (const k of keys) {
        const v = row[k];
        if (typeof v === 'number') v >= 0 ? (pos += v) : (neg += v);
      }
      max = Math.max(max, pos);
      min = Math.min(min, neg);
    } else {
      for (const k of keys) {
        const v = row[k];
        if (typeof v === 'number') {
          if (v > max) max = v;
          if (v < min) min = v;
        }
      }
    }
  }
  return [min, max];
}

/** The width a value axis needs for the labels its extremes produce. */
export function valueAxisWidth(extent: [number, number], tick: (v: unknown) => string): number {
  const [min, max] = extent;
  // Nice ticks can round up past the data by about one step.
  const pad = (max - min) * 0.2;
  return axisWidthFor([tick(max + pad), tick(min - (min < 0 ? pad : 0)), tick(max)]);
}

/** How x values are labelled on the axis and in the tooltip. */
export interface XAxisPlan {
  kind: XKind;
  /** Explicit ticks for a time axis. */
  ticks?: number[];
  tick: (v: unknown) => string;
  label: (v: unknown) => string;
}

export function planXAxis(kind: XKind, values: readonly (number | string)[], xFormat: ValueFormat, currency: string | undefined, categoryIsTime = false): XAxisPlan {
  if (kind === 'time') {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      const n = v as number;
      if (n < min) min = n;
      if (n > max) max = n;
    }
    const planned = timeTicks(min, max);
    const tickFormat = xFormat === 'auto' ? planned.format : xFormat;
    const labelFormat = xFormat === 'auto' ? timeLabelFormat(values as number[]) : xFormat;
    return {
      kind,
      ticks: planned.ticks,
      tick: (v) => formatValue(v, tickFormat, { currency }),
      label: (v) => formatValue(v, labelFormat, { currency }),
    };
  }
  if (kind === 'number') {
    const f = xFormat === 'auto' ? 'number' : xFormat;
    return { kind, tick: axisFormatter({ format: f, currency }), label: valueFormatter({ format: f, currency }) };
  }
  // Categories: ISO strings of date buckets read as dates; anything else as text unless a format was chosen.
  const f: ValueFormat =
    xFormat !== 'auto' ? xFormat : categoryIsTime ? timeLabelFormat(values.map((v) => toTime(v) ?? 1)) : 'text';
  const show = (v: unknown) => (v === '—' ? '—' : formatValue(v, f, { currency }));
  return { kind, tick: show, label: show };
}

// ---------------------------------------------------------------------------
// Look

export const AXIS_TICK = { fill: 'var(--ap-muted, #5d6778)', fontSize: 12 } as const;
export const AXIS_LINE = { stroke: 'var(--ap-border, #e1e4ea)' } as const;
export const GRID_STROKE = 'var(--ap-border, #e1e4ea)';
export const TOOLTIP_STYLE: {
  contentStyle: CSSProperties;
  labelStyle: CSSProperties;
  itemStyle: CSSProperties;
} = {
  contentStyle: {
    background: 'var(--ap-surface, #fff)',
    border: '1px solid var(--ap-border, #e1e4ea)',
    borderRadius: 'var(--ap-radius, 8px)',
    fontSize: 12,
    padding: '6px 10px',
    boxShadow: '0 2px 8px rgba(0, 0, 0, 0.08)',
  },
  labelStyle: { color: 'var(--ap-text, #1c2330)', fontWeight: 600, marginBottom: 2 },
  itemStyle: { padding: 0 },
};
export const LEGEND_STYLE: CSSProperties = { fontSize: 12, color: 'var(--ap-muted, #5d6778)' };


/** Same rule as ChartFrame: a `single` page gives the chart at least 480 px. */
export function frameBodyHeight(height: number, layout: PageLayout | undefined): number {
  return layout === 'single' ? Math.max(height, 480) : height;
}



/** Tooltip rows in series order (recharts sorts by name by default); keys are `s0`, `s1`, ... */
export function seriesOrder(item: { dataKey?: unknown }): number {
  const n = Number(String(item.dataKey ?? '').slice(1));
  return Number.isFinite(n) ? n : 0;
}
