'use client';
import { Pie, PieChart, Tooltip, type PieLabelRenderProps } from 'recharts';
import { countOf, formatValue } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { seriesColor } from '../shared/palette';
import {
  ChartArea,
  ChartBody,
  MissingColumns,
  NothingToDraw,
  TOOLTIP_CONTENT_STYLE,
  frameBodyHeight,
  missingColumns,
  sumByLabel,
  topWithOther,
} from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

/** The colour of the grouped remainder: quieter than any series colour. */
const OTHER_COLOR = 'var(--ap-border-strong, #878fa0)';
/** Slices thinner than this get no label on the drawing (the legend still lists them). */
const MIN_LABELLED_SHARE = 0.04;
const RADIAN = Math.PI / 180;

interface SliceDatum {
  name: string;
  value: number;
  share: number;
  fill: string;
}

function formatShare(share: number): string {
  return formatValue(share, 'ratio', { digits: 1 });
}

export function PieChartView({ props, layout }: ViewProps<Props>) {
  const { data, label, value, donut, colors, valueFormat, showPercent, limit, otherLabel, legend, height, title, description } = props;
  const missing = missingColumns(data, [label, value]);

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={data} missing={missing} />;
  } else {
    const { items, skipped } = sumByLabel(data.rows, label, value);
    const negative = items.filter((i) => i.value < 0);
    const positive = items.filter((i) => i.value > 0);
    const total = positive.reduce((sum, i) => sum + i.value, 0);
    const notes = [
      skipped > 0 && `${countOf(skipped, 'row')} without a numeric ${value} left out.`,
      negative.length > 0 && `${countOf(negative.length, 'negative category', 'negative categories')} left out (a pie shows parts of a positive whole).`,
    ];
    if (positive.length === 0) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No positive values in {value} to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      const grouped = topWithOther(positive, limit, otherLabel);
      const hasOther = grouped.length < positive.length;
      const slices: SliceDatum[] = grouped.map((item, i) => ({
        name: item.label,
        value: item.value,
        share: item.value / total,
        fill: hasOther && i === grouped.length - 1 ? OTHER_COLOR : seriesColor(i, colors),
      }));
      const renderLabel = (p: PieLabelRenderProps) => {
        const share = Number(p.percent ?? 0);
        if (!showPercent || share < MIN_LABELLED_SHARE) return null;
        const inner = Number(p.innerRadius ?? 0);
        const outer = Number(p.outerRadius ?? 0);
        const r = inner > 0 ? (inner + outer) / 2 : outer * 0.62;
        const angle = -Number(p.midAngle ?? 0) * RADIAN;
        const x = Number(p.cx) + r * Math.cos(angle);
        const y = Number(p.cy) + r * Math.sin(angle);
        return (
          <text x={x} y={y} className={styles.sliceLabel} textAnchor="middle" dominantBaseline="central">
            {formatShare(share)}
          </text>
        );
      };
      body = (
        <ChartBody notes={notes}>
          <div className={styles.wrap}>
          <div className={styles.layout}>
            <div className={styles.chart}>
              <ChartArea height={frameBodyHeight(height, layout)} shape="round">
                <PieChart>
                  <Pie
                    data={slices}
                    dataKey="value"
                    nameKey="name"
                    innerRadius={donut ? '58%' : 0}
                    outerRadius="88%"
                    paddingAngle={slices.length > 1 && donut ? 1 : 0}
                    stroke="var(--ap-surface, #fff)"
                    isAnimationActive={false}
                    labelLine={false}
                    label={renderLabel}
                  />
                  <Tooltip
                    contentStyle={TOOLTIP_CONTENT_STYLE}
                    formatter={(v, name, entry) => {
                      const share = (entry?.payload as SliceDatum | undefined)?.share;
                      const text = formatValue(v, valueFormat);
                      return [showPercent && share !== undefined ? `${text} (${formatShare(share)})` : text, String(name)];
                    }}
                  />
                </PieChart>
              </ChartArea>
              {donut ? (
                <div className={styles.center} aria-hidden="true">
                  <span className={styles.centerValue}>{formatValue(total, valueFormat)}</span>
                  <span className={styles.centerLabel}>Total</span>
                </div>
              ) : null}
            </div>
            {legend ? (
              <ul className={styles.legend} aria-label={title ? `${title}: slices` : 'Slices'} tabIndex={0}>
                {slices.map((s) => (
                  <li key={s.name} className={styles.legendItem}>
                    <span className={styles.swatch} style={{ background: s.fill }} aria-hidden="true" />
                    <span className={styles.legendLabel} title={s.name}>
                      {s.name}
                    </span>
                    <span className={styles.legendValue}>{formatValue(s.value, valueFormat)}</span>
                    {showPercent ? <span className={styles.legendShare}>{formatShare(s.share)}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          </div>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind={donut ? 'Donut chart' : 'Pie chart'} subject={`${value} by ${label}`} title={title} description={description} data={data} height={height} layout={layout} emptyText="No rows to chart">
      {body}
    </ChartFrame>
  );
}
