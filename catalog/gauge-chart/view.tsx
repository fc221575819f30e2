'use client';
/**
 * A hand-drawn SVG half dial rather than a recharts chart: it renders on the
 * server, so the number is on the page before any script runs.
 */
import { formatValue, toNumber } from '../../lib/format/format-value';
import { defaultRangeOf, outOfRange } from '../../lib/format/value-range';
import { ChartFrame } from '../shared/chart-frame';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;
type Threshold = Props['thresholds'][number];

const CX = 120;
const CY = 122;
const R = 94;
const WIDTH = 20;
const BAND_R = R + WIDTH / 2 + 5;
const TRACK = 'var(--ap-border, #e1e4ea)';
const DEFAULT_FILL = 'var(--ap-accent, #4f6bed)';

/** A point on the dial at fraction f (0 = left end, 1 = right end) and radius r. */
function point(f: number, r: number): [number, number] {
  const angle = Math.PI * (1 - f);
  return [CX + r * Math.cos(angle), CY - r * Math.sin(angle)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function arc(from: number, to: number, r: number): string {
  const [x0, y0] = point(from, r);
  const [x1, y1] = point(to, r);
  return `M ${round(x0)} ${round(y0)} A ${r} ${r} 0 0 1 ${round(x1)} ${round(y1)}`;
}

/** The value must fit inside the dial (about 160 units wide): long texts get a smaller font. */
function valueFontSize(text: string): number {
  return Math.round(Math.min(34, 240 / Math.max(1, text.length)));
}

function clamp01(f: number): number {
  return Math.min(1, Math.max(0, f));
}

function colorOf(t: Threshold): string {
  return t.color ?? TONE_COLORS[t.tone];
}

/** The band a value falls in: the first threshold above it, else the last. */
function bandOf(value: number, sorted: readonly Threshold[]): Threshold | undefined {
  return sorted.find((t) => value < t.value) ?? sorted[sorted.length - 1];
}

export function GaugeChartView({ props, layout }: ViewProps<Props>) {
  const { format, digits, label, thresholds, targetLabel, height, title, description } = props;
  const value = toNumber(props.value);
  const range = defaultRangeOf(format);
  const min = toNumber(props.min) ?? range.min;
  const max = toNumber(props.max) ?? range.max;
  const target = props.target === undefined ? undefined : toNumber(props.target);
  const fmt = (n: unknown, d?: number) => formatValue(n, format, d === undefined ? {} : { digits: d });

  if (!(max > min)) {
    return (
      <ChartFrame kind="Gauge" subject={label} title={title} description={description} height={height} layout={layout}>
        <div className="ap-empty" role="alert">
          The gauge&apos;s max ({fmt(max)}) must be greater than its min ({fmt(min)}).
        </div>
      </ChartFrame>
    );
  }

  const fraction = (n: number) => clamp01((n - min) / (max - min));
  // A value past an end is drawn at that end, never as if it fit: the node says so.
  const warnings = [
    value === undefined ? undefined : outOfRange({ value, min, max, owner: "the dial's", format }),
    target === undefined ? undefined : outOfRange({ value: target, min, max, owner: "the dial's", subject: `The ${targetLabel.toLowerCase()}`, format }),
  ].filter((w): w is string => w !== undefined);
  const sorted = [...thresholds].sort((a, b) => a.value - b.value);
  const band = value === undefined ? undefined : bandOf(value, sorted);
  const valueText = value === undefined ? '—' : fmt(value, digits);

  const bands = sorted
    .map((t, i) => {
      const from = i === 0 ? 0 : fraction(sorted[i - 1]!.value);
      const to = i === sorted.length - 1 ? 1 : fraction(t.value);
      return { t, from, to };
    })
    .filter((b) => b.to > b.from);

  const spoken = [
    `${label ?? title ?? 'Value'}: ${value === undefined ? 'no value' : valueText}`,
    band?.label,
    target !== undefined ? `${targetLabel} ${fmt(target)}` : undefined,
    `range ${fmt(min)} to ${fmt(max)}`,
    ...warnings,
  ]
    .filter(Boolean)
    .join(', ');

  const [tx0, ty0] = target !== undefined ? point(fraction(target), R - WIDTH / 2 - 4) : [0, 0];
  const [tx1, ty1] = target !== undefined ? point(fraction(target), BAND_R + 4) : [0, 0];

  // The numbers the dial draws, as the table "Show data" offers in place of rows.
  const shown: Record<string, string> = { value: valueText, min: fmt(min), max: fmt(max) };
  if (target !== undefined) shown[targetLabel.toLowerCase()] = fmt(target);
  if (band?.label) shown.band = band.label;

  return (
    <ChartFrame kind="Gauge" subject={label} title={title} description={description} height={height} layout={layout} warnings={warnings} table={{ columns: Object.keys(shown), rows: [shown] }}>
      <div className={styles.layout}>
        <div className={styles.dial}>
          <svg className={styles.gauge} viewBox="0 0 240 146" preserveAspectRatio="xMidYMid meet" role="img" aria-label={spoken}>
            <title>{spoken}</title>
            <path d={arc(0, 1, R)} fill="none" stroke={TRACK} strokeWidth={WIDTH} data-part="track" />
            {bands.map((b, i) => (
              <path key={i} d={arc(b.from, b.to, BAND_R)} fill="none" stroke={colorOf(b.t)} strokeWidth={4} data-part="band" />
            ))}
            {value !== undefined && fraction(value) > 0 ? (
              <path
                d={arc(0, fraction(value), R)}
                fill="none"
                stroke={band ? colorOf(band) : DEFAULT_FILL}
                strokeWidth={WIDTH}
                data-part="value"
                data-clamped={value > max || value < min ? '' : undefined}
              />
            ) : null}
            {target !== undefined ? (
              <g data-part="target">
                <line x1={round(tx0)} y1={round(ty0)} x2={round(tx1)} y2={round(ty1)} className={styles.targetLine} />
                <text x={CX} y={CY + 18} textAnchor="middle" className={styles.targetText}>
                  {`${targetLabel} ${fmt(target)}`}
                </text>
              </g>
            ) : null}
            <text x={CX} y={CY - 12} textAnchor="middle" className={styles.value} style={{ fontSize: valueFontSize(valueText) }} data-part="value-text">
              {valueText}
            </text>
            <text x={point(0, R)[0]} y={CY + 18} textAnchor="middle" className={styles.end}>
              {fmt(min)}
            </text>
            <text x={point(1, R)[0]} y={CY + 18} textAnchor="middle" className={styles.end}>
              {fmt(max)}
            </text>
          </svg>
        </div>
        {label || band?.label ? (
          <p className={styles.caption}>
            {label ? <span>{label}</span> : null}
            {band?.label ? (
              <span className={styles.band} style={{ color: colorOf(band), borderColor: colorOf(band) }}>
                {band.label}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
    </ChartFrame>
  );
}
