'use client';
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip } from 'recharts';
import { countOf, formatValue, toNumber } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { seriesColor } from '../shared/palette';
import {
  ChartArea,
  ChartBody,
  MissingColumns,
  NothingToDraw,
  TOOLTIP_CONTENT_STYLE,
  categoryLabel,
  frameBodyHeight,
  missingColumns,
} from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

interface Spoke {
  axis: string;
  /** One value per y column; null where the row had none. */
  values: (number | null)[];
}

/** Spokes in the order their category first appears; a repeated category adds into the first. */
function readSpokes(rows: readonly Record<string, unknown>[], axis: string, ys: readonly string[]) {
  const spokes = new Map<string, Spoke>();
  let repeated = 0;
  for (const row of rows) {
    const name = categoryLabel(row[axis]);
    const values = ys.map((y) => toNumber(row[y]) ?? null);
    const seen = spokes.get(name);
    if (!seen) {
      spokes.set(name, { axis: name, values });
      continue;
    }
    repeated++;
    seen.values = seen.values.map((v, i) => {
      const add = values[i] ?? null;
      return v === null ? add : add === null ? v : v + add;
    });
  }
  return { spokes: [...spokes.values()], repeated };
}

export function RadarChartView({ props, layout }: ViewProps<Props>) {
  const { data, axis, y, colors, valueFormat, filled, height, title, description } = props;
  const ys = Array.isArray(y) ? y : [y];
  const missing = missingColumns(data, [axis, ...ys]);

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={data} missing={missing} />;
  } else {
    const { spokes, repeated } = readSpokes(data.rows, axis, ys);
    const all = spokes.flatMap((s) => s.values).filter((v): v is number => v !== null);
    const blanks = spokes.length * ys.length - all.length;
    const notes = [
      spokes.length > 0 && spokes.length < 3 && `A radar reads best with 3 or more ${axis} values; this has ${spokes.length}.`,
      repeated > 0 && `${countOf(repeated, 'row')} repeating a ${axis} value added into the first.`,
      blanks > 0 && `${countOf(blanks, 'value')} missing or not numeric, left as gaps.`,
    ];
    if (all.length === 0) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No numeric values in {ys.join(', ')} to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      const min = Math.min(...all);
      // Series under generated keys: a column name with a dot would read as a path in recharts.
      const chartData = spokes.map((s) => Object.fromEntries([['axis', s.axis], ...s.values.map((v, i) => [`s${i}`, v])]));
      const tickStyle = { fill: 'var(--ap-muted, #5d6778)', fontSize: 12 };
      body = (
        <ChartBody notes={notes}>
          <div className={styles.layout}>
            <div className={styles.chart}>
              <ChartArea height={frameBodyHeight(height, layout) - (ys.length > 1 ? 28 : 0)} shape="round">
                <RadarChart data={chartData} outerRadius="74%" margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
                  <PolarGrid stroke="var(--ap-border, #e1e4ea)" />
                  <PolarAngleAxis dataKey="axis" tick={tickStyle} />
                  <PolarRadiusAxis
                    // Between the first two spokes, so the scale does not sit on a spoke's label.
                    angle={90 - 180 / Math.max(spokes.length, 1)}
                    allowDecimals
                    domain={min >= 0 ? [0, 'auto'] : ['auto', 'auto']}
                    tick={{ ...tickStyle, fontSize: 10 }}
                    tickFormatter={(v: unknown) => formatValue(v, valueFormat)}
                    axisLine={false}
                  />
                  {ys.map((col, i) => (
                    <Radar
                      key={col}
                      name={col}
                      dataKey={`s${i}`}
                      stroke={seriesColor(i, colors)}
                      fill={seriesColor(i, colors)}
                      fillOpacity={filled ? 0.18 : 0}
                      strokeWidth={2}
                      dot={{ r: 2.5, fillOpacity: 1 }}
                      isAnimationActive={false}
                    />
                  ))}
                  <Tooltip contentStyle={TOOLTIP_CONTENT_STYLE} formatter={(v) => formatValue(v, valueFormat)} />
                </RadarChart>
              </ChartArea>
            </div>
            {ys.length > 1 ? (
              <ul className={styles.legend} aria-label="Series">
                {ys.map((col, i) => (
                  <li key={col} className={styles.legendItem}>
                    <span className={styles.swatch} style={{ background: seriesColor(i, colors) }} aria-hidden="true" />
                    {col}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind="Radar chart" subject={`${(Array.isArray(y) ? y : [y]).join(', ')} by ${axis}`} title={title} description={description} data={data} height={height} layout={layout} emptyText="No rows to chart">
      {body}
    </ChartFrame>
  );
}
