'use client';
/**
 * A tiny trend line drawn as one SVG polyline (no chart library: a Stat can
 * appear dozens of times on a page and must render on the server too).
 */
import { toNumber } from '../../lib/format/format-value';
import type { BoundRows } from '../../lib/spec/resolved';

const WIDTH = 100;
const HEIGHT = 28;
const PAD = 2;
/** Above this many points, keep each bucket's low and high so that peaks survive. */
const MAX_POINTS = 240;

/** The column to draw: the one asked for, else the first whose values are numbers. */
export function sparklineColumn(data: BoundRows, field?: string): string | undefined {
  if (field) return field;
  const sample = data.rows.slice(0, 20);
  for (const col of data.columns) {
    const numeric = sample.filter((row) => toNumber(row[col.name]) !== undefined).length;
    if (numeric > 0 && numeric >= sample.length / 2) return col.name;
  }
  return undefined;
}

export function sparklineValues(data: BoundRows, field: string | undefined): number[] {
  if (!field) return [];
  const values: number[] = [];
  for (const row of data.rows) {
    const n = toNumber(row[field]);
    if (n !== undefined) values.push(n);
  }
  return values;
}

/** Min-max bucketing: at most MAX_POINTS points, in order, each bucket keeping its extremes. */
export function downsample(values: readonly number[], max = MAX_POINTS): number[] {
  if (values.length <= max) return [...values];
  const buckets = Math.floor(max / 2);
  const size = values.length / buckets;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(values.length, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (values[i]! < values[lo]!) lo = i;
      if (values[i]! > values[hi]!) hi = i;
    }
    if (lo === hi) out.push(values[lo]!);
    else if (lo < hi) out.push(values[lo]!, values[hi]!);
    else out.push(values[hi]!, values[lo]!);
  }
  return out;
}

export function sparklinePoints(values: readonly number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = i * step;
      const y = span === 0 ? HEIGHT / 2 : PAD + (1 - (v - min) / span) * (HEIGHT - 2 * PAD);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface SparklineProps {
  values: readonly number[];
  /** Read by screen readers: what the line shows. */
  label: string;
  className?: string;
}

export function Sparkline({ values, label, className }: SparklineProps) {
  if (values.length < 2) return null;
  const points = sparklinePoints(downsample(values));
  return (
    <svg
      className={className}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      focusable="false"
    >
      <polygon points={`0,${HEIGHT} ${points} ${WIDTH},${HEIGHT}`} fill="currentColor" fillOpacity={0.1} stroke="none" />
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
