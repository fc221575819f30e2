/**
 * The row reductions the charts declare in their definitions (`drawing`),
 * run on the server before the rows cross to the browser
 * (lib/render/reduce-for-drawing.ts). Each keeps every extreme the chart
 * shows and is deterministic (the same rows on every render). No React: the
 * definitions import this file.
 *
 * Budgets are sized for a chart of about 640 pixels across (ChartCanvas's
 * first size): more points than pixels add bytes, not detail.
 */
import { countOf, toNumber } from '../../lib/format/format-value';
import type { DrawingReduction, DrawingRule } from '../../lib/spec/drawing';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { asColumnList, columnKind, keepForSeries, toTime } from './cartesian';
import { sumByLabel } from './category-values';

/** Points of a line or area drawn at most (LTTB), before the extremes are added. */
export const SERIES_POINTS = 640;
/** Dots of a scatter drawn at most. */
export const SCATTER_POINTS = 700;

const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The positions (into `count`) of each series' highest and lowest value. */
function extremes(values: readonly Float64Array[], count: number): number[] {
  const out: number[] = [];
  for (const v of values) {
    let lo = -1;
    let hi = -1;
    for (let j = 0; j < count; j++) {
      const y = v[j]!;
      if (Number.isNaN(y)) continue;
      if (lo < 0 || y < v[lo]!) lo = j;
      if (hi < 0 || y > v[hi]!) hi = j;
    }
    if (lo >= 0) out.push(lo, hi);
  }
  return out;
}

/**
 * Lines and areas: rows with a usable x, in ascending x (query order for text),
 * reduced with LTTB per series (each its share of the budget) plus every
 * series' highest and lowest point. Rows keep all their series, so tooltips and
 * stacks stay whole.
 */
export function seriesDrawing(opts: { rows?: string; x?: string; y?: string | readonly string[]; maxPoints?: string } = {}): DrawingRule {
  const rowsProp = opts.rows ?? 'data';
  const xProp = opts.x ?? 'x';
  const yProps = asColumnList(opts.y ?? 'y');
  const maxProp = opts.maxPoints ?? 'maxPoints';
  return {
    rows: rowsProp,
    unit: 'points',
    reduce(data: BoundRows, props): DrawingReduction | undefined {
      const x = props[xProp];
      const columns = [...new Set(yProps.flatMap((p) => asColumnList(props[p] as string | string[] | undefined)))];
      if (typeof x !== 'string' || columns.length === 0) return undefined;
      const budget = Math.min(num(props[maxProp], SERIES_POINTS), SERIES_POINTS);
      const source = data.rows;
      if (source.length <= budget) return undefined;
      const kind = columnKind(data, x);
      const numericX = kind === 'time' || kind === 'number';
      const rowOf: number[] = [];
      const xs: number[] = [];
      for (let i = 0; i < source.length; i++) {
        const raw = source[i]![x];
        const v = !numericX ? rowOf.length : kind === 'time' ? toTime(raw) : toNumber(raw);
        if (v === undefined) continue;
        rowOf.push(i);
        xs.push(v);
      }
      const count = rowOf.length;
      const order = Array.from({ length: count }, (_, j) => j).sort((a, b) => xs[a]! - xs[b]! || a - b);
      const values = columns.map((c) => {
        const v = new Float64Array(count);
        for (let j = 0; j < count; j++) v[j] = toNumber(source[rowOf[j]!]![c]) ?? Number.NaN;
        return v;
      });
      // Room for the extremes, so the view never has to reduce again.
      const share = Math.max(3, budget - 2 * columns.length);
      const keep = keepForSeries(order, Float64Array.from(xs), values, share);
      const position = new Uint32Array(count);
      order.forEach((j, k) => (position[j] = k));
      for (const j of extremes(values, count)) keep[position[j]!] = 1;
      const rows: Row[] = [];
      for (let k = 0; k < count; k++) if (keep[k]) rows.push(source[rowOf[order[k]!]!]!);
      return { rows, method: 'LTTB, every highest and lowest value kept' };
    },
  };
}

/**
 * Scatter: density-preserving sampling on a grid over the plot. Every
 * occupied cell keeps at least one dot (outliers stay visible), the rest of
 * the budget is shared in proportion to each cell's rows, picked evenly
 * through them; the rows with the smallest and largest x and y are kept too.
 * Kept rows stay in query order.
 */
export function pointsDrawing(opts: { rows?: string; x?: string; y?: string; maxPoints?: string } = {}): DrawingRule {
  const rowsProp = opts.rows ?? 'data';
  const xProp = opts.x ?? 'x';
  const yProp = opts.y ?? 'y';
  const maxProp = opts.maxPoints ?? 'maxPoints';
  return {
    rows: rowsProp,
    unit: 'points',
    reduce(data: BoundRows, props): DrawingReduction | undefined {
      const x = props[xProp];
      const y = props[yProp];
      if (typeof x !== 'string' || typeof y !== 'string') return undefined;
      const budget = Math.min(num(props[maxProp], SCATTER_POINTS), SCATTER_POINTS);
      const source = data.rows;
      if (source.length <= budget) return undefined;
      const xIsTime = columnKind(data, x) === 'time';
      const idx: number[] = [];
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < source.length; i++) {
        const vx = xIsTime ? toTime(source[i]![x]) : toNumber(source[i]![x]);
        const vy = toNumber(source[i]![y]);
        if (vx === undefined || vy === undefined) continue;
        idx.push(i);
        xs.push(vx);
        ys.push(vy);
      }
      const n = idx.length;
      if (n <= budget) return undefined;
      const ext = [argBy(xs, -1), argBy(xs, 1), argBy(ys, -1), argBy(ys, 1)];
      const [x0, x1, y0, y1] = [xs[ext[0]!]!, xs[ext[1]!]!, ys[ext[2]!]!, ys[ext[3]!]!];
      // About a quarter of the budget as cells, 8:5 across.
      const cellsWanted = Math.max(4, Math.floor(budget / 4));
      const cols = Math.max(2, Math.round(Math.sqrt((cellsWanted * 8) / 5)));
      const rowsN = Math.max(2, Math.floor(cellsWanted / cols));
      const cellOf = new Uint32Array(n);
      const members = new Map<number, number[]>();
      for (let j = 0; j < n; j++) {
        const cx = x1 > x0 ? Math.min(cols - 1, Math.floor(((xs[j]! - x0) / (x1 - x0)) * cols)) : 0;
        const cy = y1 > y0 ? Math.min(rowsN - 1, Math.floor(((ys[j]! - y0) / (y1 - y0)) * rowsN)) : 0;
        const cell = cy * cols + cx;
        cellOf[j] = cell;
        const list = members.get(cell);
        if (list) list.push(j);
        else members.set(cell, [j]);
      }
      const spare = Math.max(0, budget - members.size - ext.length);
      const keep = new Uint8Array(n);
      for (const list of members.values()) {
        const quota = Math.min(list.length, 1 + Math.floor((list.length * spare) / n));
        for (let q = 0; q < quota; q++) keep[list[Math.floor((q * list.length) / quota)]!] = 1;
      }
      for (const j of ext) keep[j] = 1;
      const rows: Row[] = [];
      for (let j = 0; j < n; j++) if (keep[j]) rows.push(source[idx[j]!]!);
      return { rows, method: 'sampled by density, outliers and extremes kept' };
    },
  };
}

/** The position of the smallest (dir -1) or largest (dir 1) value. */
function argBy(values: readonly number[], dir: 1 | -1): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if ((values[j]! - values[best]!) * dir > 0) best = j;
  return best;
}

/**
 * Category charts past their readable count: the rows the chart draws (sorted
 * by its first measure as the chart sorts, the first `limit`), and with
 * `other` one more row summing the rest. The view then draws them as given.
 */
export function categoriesDrawing(opts: { rows?: string; x?: string; y?: string } = {}): DrawingRule {
  const rowsProp = opts.rows ?? 'data';
  const xProp = opts.x ?? 'x';
  const yProp = opts.y ?? 'y';
  return {
    rows: rowsProp,
    unit: 'categories',
    reduce(data: BoundRows, props): DrawingReduction | undefined {
      const x = props[xProp];
      const columns = asColumnList(props[yProp] as string | string[] | undefined);
      const limit = num(props.limit, 50);
      if (typeof x !== 'string' || columns.length === 0 || data.rows.length <= limit) return undefined;
      const first = columns[0]!;
      const sort = props.sort === 'asc' ? 1 : props.sort === 'desc' ? -1 : 0;
      const all = data.rows.map((row, i) => ({ row, i, v: toNumber(row[first]) ?? null }));
      if (sort !== 0) {
        // Stable; nulls last either way (as the view sorts).
        all.sort((a, b) => (a.v === null ? (b.v === null ? a.i - b.i : 1) : b.v === null ? -1 : (a.v - b.v) * sort || a.i - b.i));
      }
      const rows = all.slice(0, limit).map((e) => e.row);
      const rest = all.slice(limit);
      const which = sort < 0 ? 'largest' : sort > 0 ? 'smallest' : 'first';
      if (props.other === true) {
        const label = typeof props.otherLabel === 'string' ? props.otherLabel : 'Other';
        const sum: Row = { [x]: label };
        for (const c of columns) {
          let total: number | null = null;
          for (const e of rest) {
            const v = toNumber(e.row[c]);
            if (v !== undefined) total = (total ?? 0) + v;
          }
          sum[c] = total;
        }
        rows.push(sum);
        return { rows, method: `the ${which} ${limit}, the other ${rest.length.toLocaleString('en-US')} summed into "${label}"`, props: { sort: 'none', other: false, limit: limit + 1 } };
      }
      return { rows, method: `the ${which} ${limit}`, props: { sort: 'none' } };
    },
  };
}

/** Rows a summing chart receives whole: below this, sending them costs less than a note about them. */
const SUMMED_EXACT_ROWS = 100;

/**
 * Charts that sum a value per category (the pie): one row per category, its
 * values summed in row order as the view sums them, categories in the order
 * they first appear. The view then finds the same slices, the same "Other"
 * and the same negative categories as from the full rows. Rows without a
 * numeric value are counted in the note instead of sent.
 */
export function summedDrawing(opts: { rows?: string; label?: string; value?: string } = {}): DrawingRule {
  const rowsProp = opts.rows ?? 'data';
  const labelProp = opts.label ?? 'label';
  const valueProp = opts.value ?? 'value';
  return {
    rows: rowsProp,
    unit: 'rows',
    reduce(data: BoundRows, props): DrawingReduction | undefined {
      const label = props[labelProp];
      const value = props[valueProp];
      if (typeof label !== 'string' || typeof value !== 'string' || data.rows.length <= SUMMED_EXACT_ROWS) return undefined;
      const { items, skipped } = sumByLabel(data.rows, label, value);
      if (items.length >= data.rows.length) return undefined;
      const rows: Row[] = items.map((item) => ({ [label]: item.label, [value]: item.value }));
      const left = skipped > 0 ? `; ${countOf(skipped, 'row')} without a numeric ${value} left out` : '';
      return { rows, method: `summed into one row per ${label}${left}` };
    },
  };
}
