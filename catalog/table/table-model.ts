/**
 * The Table's data side, without React: which columns to show and how, sort
 * keys, fitted widths and CSV. Kept apart so it is tested on its own.
 */
import { formatValue, toNumber, type ValueFormat } from '../../lib/format/format-value';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { columnKind, columnType, defaultFormatForType, isTemporalType, toTime } from '../shared/cartesian';

export type Align = 'left' | 'right' | 'center';
export type SortKind = 'number' | 'time' | 'boolean' | 'text';

export interface ColumnSpec {
  key: string;
  label?: string;
  format?: ValueFormat;
  align?: Align;
  width?: number;
  currency?: string;
}

export interface TableColumn {
  key: string;
  label: string;
  format: ValueFormat;
  align: Align;
  /** Pixels. */
  width: number;
  currency?: string;
  sortKind: SortKind;
}

const SAMPLE = 200;
const DAY = 86_400_000;

/** The result's columns in select order (from the first row when the platform sent none). */
export function resultColumns(data: BoundRows): string[] {
  if (data.columns.length > 0) return data.columns.map((c) => c.name);
  return data.rows[0] ? Object.keys(data.rows[0]) : [];
}

function sortKindOf(data: BoundRows, key: string): SortKind {
  const kind = columnKind(data, key);
  return kind === 'time' ? 'time' : kind === 'number' ? 'number' : kind === 'boolean' ? 'boolean' : 'text';
}

/** Timestamps that are all whole UTC days (date_trunc('day', ...)) read better as dates. */
function wholeDays(rows: readonly Row[], key: string): boolean {
  let seen = 0;
  for (let i = 0; i < rows.length && seen < SAMPLE; i++) {
    const t = toTime(rows[i]![key]);
    if (t === undefined) continue;
    seen++;
    if (t % DAY !== 0) return false;
  }
  return seen > 0;
}

/** `id`, `customer_id`, `ticket_no`...: identifiers read badly with thousands separators. */
const IDENTIFIER = /^(id|.*_id|.*_no)$/i;

function defaultFormat(data: BoundRows, key: string, sortKind: SortKind): ValueFormat {
  const type = columnType(data, key);
  if (sortKind === 'number' && IDENTIFIER.test(key)) return 'text';
  if (type) {
    const f = defaultFormatForType(type);
    if (f === 'datetime' && isTemporalType(type) && wholeDays(data.rows, key)) return 'date';
    return f;
  }
  if (sortKind === 'time') return wholeDays(data.rows, key) ? 'date' : 'datetime';
  if (sortKind === 'number') return 'number';
  return 'auto';
}

const NUMERIC_FORMATS: ReadonlySet<ValueFormat> = new Set(['number', 'integer', 'decimal', 'percent', 'ratio', 'currency', 'compact', 'duration']);

export function cellText(value: unknown, column: Pick<TableColumn, 'format' | 'currency'>): string {
  return formatValue(value, column.format, { currency: column.currency });
}

/** Width in pixels fitted to the header and the longest of the first rows' formatted values. */
function fittedWidth(rows: readonly Row[], col: Omit<TableColumn, 'width'>): number {
  let longest = col.label.length + 2; // room for the sort arrow
  for (let i = 0; i < rows.length && i < SAMPLE; i++) {
    longest = Math.max(longest, cellText(rows[i]![col.key], col).length);
  }
  const chars = Math.min(48, Math.max(4, longest));
  return Math.round(chars * 7.6 + 24);
}

export function resolveColumns(data: BoundRows, specs: readonly ColumnSpec[] | undefined): TableColumn[] {
  const wanted: ColumnSpec[] = specs && specs.length > 0 ? [...specs] : resultColumns(data).map((key) => ({ key }));
  return wanted.map((spec) => {
    const sortKind = sortKindOf(data, spec.key);
    const format = spec.format ?? defaultFormat(data, spec.key, sortKind);
    const numeric = spec.format ? NUMERIC_FORMATS.has(spec.format) : sortKind === 'number';
    const base = {
      key: spec.key,
      label: spec.label ?? spec.key,
      format,
      align: spec.align ?? (numeric ? 'right' : 'left'),
      currency: spec.currency,
      sortKind,
    } satisfies Omit<TableColumn, 'width'>;
    return { ...base, width: spec.width ?? fittedWidth(data.rows, base) };
  });
}

/**
 * A value the sort compares: numbers for numeric, time and boolean columns,
 * lower-cased text otherwise; undefined for null so it sorts last.
 */
export function sortKey(value: unknown, kind: SortKind): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (kind) {
    case 'number':
      return toNumber(value) ?? undefined;
    case 'time':
      return toTime(value) ?? undefined;
    case 'boolean':
      return value === true || value === 't' || value === 'true' ? 1 : 0;
    default:
      return (typeof value === 'object' ? JSON.stringify(value) : String(value)).toLowerCase();
  }
}

export interface SortBy {
  /** Index into the resolved columns. */
  column: number;
  desc: boolean;
}

/**
 * Row indices in display order. Sort keys are computed once per sorted column
 * (numbers in a Float64Array, text lower-cased), nulls last in both directions,
 * ties kept in query order. Far cheaper than a row object per row for 100,000 rows.
 */
export function sortedOrder(rows: readonly Row[], columns: readonly TableColumn[], sorting: readonly SortBy[]): Uint32Array {
  const n = rows.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const keys = sorting
    .filter((s) => columns[s.column] !== undefined)
    .map((s) => {
      const col = columns[s.column]!;
      const dir = s.desc ? -1 : 1;
      if (col.sortKind === 'text') {
        const text: (string | undefined)[] = new Array(n);
        for (let i = 0; i < n; i++) text[i] = sortKey(rows[i]![col.key], 'text') as string | undefined;
        return (a: number, b: number) => {
          const x = text[a];
          const y = text[b];
          if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
          return x < y ? -dir : x > y ? dir : 0;
        };
      }
      const num = new Float64Array(n);
      for (let i = 0; i < n; i++) num[i] = (sortKey(rows[i]![col.key], col.sortKind) as number | undefined) ?? Number.NaN;
      return (a: number, b: number) => {
        const x = num[a]!;
        const y = num[b]!;
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
        return x < y ? -dir : x > y ? dir : 0;
      };
    });
  if (keys.length === 0) return order;
  order.sort((a, b) => {
    for (const k of keys) {
      const c = k(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  });
  return order;
}
