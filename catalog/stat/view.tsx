'use client';
import type { CSSProperties } from 'react';
import { formatValue, toNumber } from '../../lib/format/format-value';
import { outOfRange } from '../../lib/format/value-range';
import { TONE_COLORS } from '../shared/palette';
import { ValueWarnings } from '../shared/value-warnings';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { Sparkline, sparklineColumn, sparklineValues } from './sparkline';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

type Direction = 'up' | 'down' | 'flat';

interface TrendView {
  direction: Direction;
  tone: 'positive' | 'negative' | 'neutral';
  text: string;
  spoken: string;
}

function trendOf(props: Props): TrendView | undefined {
  if (props.trend === undefined || props.trend === null) return undefined;
  const n = toNumber(props.trend);
  if (n === undefined) return undefined;
  const direction: Direction = n > 0 ? 'up' : n < 0 ? 'down' : 'flat';
  const good = props.invertTrend ? n < 0 : n > 0;
  const tone = direction === 'flat' ? 'neutral' : good ? 'positive' : 'negative';
  const magnitude = formatValue(Math.abs(n), props.trendFormat, { currency: props.currency });
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '●';
  const word = direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'No change,';
  return { direction, tone, text: `${arrow} ${magnitude}`, spoken: `${word} ${magnitude}` };
}

export function StatView({ props, layout }: ViewProps<Props>) {
  const { label, value, format, currency, digits, unit, trendLabel, sparkline, caption } = props;
  const options = { currency, digits };
  const shown = formatValue(value, format, options);
  const trend = trendOf(props);
  const n = toNumber(value);
  const warning = n === undefined ? undefined : outOfRange({ value: n, min: props.min, max: props.max, owner: "the stat's", format });

  const field = sparkline ? sparklineColumn(sparkline, props.sparklineField) : undefined;
  const values = sparkline ? sparklineValues(sparkline, field) : [];
  const sparkLabel =
    values.length >= 2
      ? `${label} trend over ${values.length} points: from ${formatValue(values[0], format, options)} to ${formatValue(values[values.length - 1], format, options)}, low ${formatValue(Math.min(...values), format, options)}, high ${formatValue(Math.max(...values), format, options)}`
      : '';
  const sparkColor = trend && trend.tone !== 'neutral' ? TONE_COLORS[trend.tone] : 'var(--ap-accent)';

  const className = [styles.stat, layout === 'single' ? styles.single : ''].filter(Boolean).join(' ');
  return (
    <div className={className} data-ap-stat="" data-layout={layout}>
      <div className={styles.label}>{label}</div>
      <div className={styles.valueLine}>
        <span className={styles.value} data-testid="stat-value" title={value === null || value === undefined ? 'No value' : undefined}>
          {shown}
        </span>
        {unit ? <span className={styles.unit}>{unit}</span> : null}
      </div>
      {trend ? (
        <div className={styles.trendLine}>
          <span
            className={styles.trend}
            style={{ '--ap-stat-trend': TONE_COLORS[trend.tone] } as CSSProperties}
            data-direction={trend.direction}
            data-tone={trend.tone}
          >
            <span aria-hidden="true">{trend.text}</span>
            <span className={styles.srOnly}>{trend.spoken}</span>
          </span>
          {trendLabel ? <span className={styles.trendLabel}>{trendLabel}</span> : null}
        </div>
      ) : null}
      {values.length >= 2 ? (
        <div className={styles.spark} style={{ color: sparkColor }}>
          <Sparkline values={values} label={sparkLabel} className={styles.sparkSvg} />
        </div>
      ) : null}
      {caption ? <div className={styles.caption}>{caption}</div> : null}
      <ValueWarnings warnings={warning ? [warning] : undefined} />
    </div>
  );
}
