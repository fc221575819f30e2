'use client';
/**
 * The one renderer behind LineChart, AreaChart and ComposedChart (the sized
 * chart area they draw in is chart-canvas.tsx, shared with Bar and Scatter).
 */
import { useMemo, type ReactElement } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { countOf, type ValueFormat } from '../../lib/format/format-value';
import type { BoundRows } from '../../lib/spec/resolved';
import type { PageLayout } from '../view-types';
import { ChartCanvas, ChartMessage } from './chart-canvas';
import { ChartFrame } from './chart-frame';
import {
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  LEGEND_STYLE,
  TOOLTIP_STYLE,
  axisFormatter,
  missingColumns,
  planXAxis,
  reachOf,
  prepareXY,
  resolveValueFormat,
  valueAxisWidth,
  valueExtent,
  valueFormatter,
  seriesOrder,
  type Series,
} from './cartesian';

// ---------------------------------------------------------------------------
// Line, area and composed charts share one renderer.

export interface XYMark {
  series: Series;
  kind: 'line' | 'area' | 'bar';
  axis: 'left' | 'right';
}

export interface XYChartProps {
  /** Spoken first in the chart's name: "Line chart". */
  kind: string;
  data: BoundRows;
  x: string;
  marks: readonly XYMark[];
  layout: PageLayout;
  height: number;
  title?: string;
  description?: string;
  curve: 'linear' | 'monotone' | 'step';
  /** Dots on lines; undefined = only when there are few points. */
  dots?: boolean;
  connectNulls?: boolean;
  stackAreas?: boolean;
  stackBars?: boolean;
  /** Keep 0 on the value axes (areas and bars always do). */
  includeZero: boolean;
  yFormat: ValueFormat;
  rightFormat?: ValueFormat;
  xFormat: ValueFormat;
  currency?: string;
  legend?: boolean;
  maxPoints: number;
}

const CURVES = { linear: 'linear', monotone: 'monotone', step: 'stepAfter' } as const;
const DOTS_UP_TO = 60;

export function XYChart(p: XYChartProps) {
  const { data, x, marks, layout, currency } = p;
  const series = useMemo(() => marks.map((m) => m.series), [marks]);
  const stackedOnly = marks.length > 0 && marks.every((m) => (m.kind === 'area' && p.stackAreas) || (m.kind === 'bar' && p.stackBars));
  const prepared = useMemo(
    () => prepareXY(data, x, series, { maxPoints: p.maxPoints, stacked: stackedOnly }),
    [data, x, series, p.maxPoints, stackedOnly],
  );
  const missing = missingColumns(data, [x, ...series.map((s) => s.column)]);

  const hasBars = marks.some((m) => m.kind === 'bar');
  const left = marks.filter((m) => m.axis === 'left');
  const right = marks.filter((m) => m.axis === 'right');
  const leftFormat = resolveValueFormat(p.yFormat, data, left[0]?.series.column);
  const rightFormat = resolveValueFormat(p.rightFormat ?? p.yFormat, data, right[0]?.series.column);
  const leftStacked = left.some((m) => (m.kind === 'area' && p.stackAreas) || (m.kind === 'bar' && p.stackBars));
  const rightStacked = right.some((m) => (m.kind === 'area' && p.stackAreas) || (m.kind === 'bar' && p.stackBars));
  const leftExtent = valueExtent(prepared.rows, left.map((m) => m.series.key), leftStacked);
  const rightExtent = valueExtent(prepared.rows, right.map((m) => m.series.key), rightStacked);
  const leftTick = axisFormatter({ format: leftFormat, currency }, reachOf(leftExtent));
  const rightTick = axisFormatter({ format: rightFormat, currency }, reachOf(rightExtent));
  const leftText = valueFormatter({ format: leftFormat, currency });
  const rightText = valueFormatter({ format: rightFormat, currency });
  const axisOfKey = new Map(marks.map((m) => [m.series.key, m.axis]));

  // Bars need bands: with bars the x axis is categorical even over dates.
  const xValues = prepared.rows.map((r) => r.x);
  const xPlan = planXAxis(prepared.xKind, xValues, p.xFormat, currency);
  const numericX = prepared.xKind !== 'category' && !hasBars;

  const notes: string[] = [];
  if (prepared.downsampled) {
    notes.push(`Showing ${prepared.rows.length.toLocaleString('en-US')} of ${countOf(prepared.total, 'point')}, downsampled with LTTB (peaks and dips kept).`);
  }
  if (prepared.skipped > 0) {
    notes.push(`${countOf(prepared.skipped, 'row')} without a usable ${x} left out.`);
  }

  const zero = p.includeZero || marks.some((m) => m.kind !== 'line');
  const domain: [number | 'auto' | 'dataMin', number | 'auto' | 'dataMax'] = zero ? [0, 'auto'] : ['auto', 'auto'];
  const showDots = p.dots ?? prepared.rows.length <= DOTS_UP_TO;
  const showLegend = p.legend ?? marks.length > 1;

  const valueAxis = (id: 'left' | 'right', extent: [number, number], tick: (v: unknown) => string, format: ValueFormat) => (
    <YAxis
      yAxisId={id}
      orientation={id}
      type="number"
      domain={domain}
      allowDecimals={format !== 'integer'}
      tickFormatter={tick}
      width={valueAxisWidth(extent, tick)}
      tick={AXIS_TICK}
      axisLine={AXIS_LINE}
      tickLine={AXIS_LINE}
    />
  );

  return (
    <ChartFrame kind={p.kind} subject={`${series.map((s) => s.label).join(', ')} by ${x}`} title={p.title} description={p.description} data={data} height={p.height} layout={layout}>
      {missing.length > 0 ? (
        <ChartMessage>{`Not in the result of ${data.query}: ${missing.join(', ')}`}</ChartMessage>
      ) : prepared.rows.length === 0 ? (
        <ChartMessage>{`No rows with a usable ${x}`}</ChartMessage>
      ) : (
        <ChartCanvas height={p.height} layout={layout} notes={notes}>
          <ComposedChart data={prepared.rows} margin={{ top: 8, right: right.length > 0 ? 4 : 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} yAxisId={left.length > 0 ? 'left' : 'right'} />
            <XAxis
              dataKey="x"
              type={numericX ? 'number' : 'category'}
              scale={numericX && prepared.xKind === 'time' ? 'time' : 'auto'}
              domain={numericX ? ['dataMin', 'dataMax'] : undefined}
              ticks={numericX && xPlan.ticks ? xPlan.ticks : undefined}
              tickFormatter={xPlan.tick}
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
              minTickGap={16}
            />
            {left.length > 0 ? valueAxis('left', leftExtent, leftTick, leftFormat) : null}
            {right.length > 0 ? valueAxis('right', rightExtent, rightTick, rightFormat) : null}
            <Tooltip
              formatter={(value, _name, item) => (axisOfKey.get(String(item.dataKey)) === 'right' ? rightText(value) : leftText(value))}
              labelFormatter={(label) => xPlan.label(label)}
              cursor={hasBars ? { fill: 'var(--ap-accent-soft, #eef1fd)' } : { stroke: 'var(--ap-muted, #5d6778)', strokeDasharray: '3 3' }}
              itemSorter={seriesOrder}
              {...TOOLTIP_STYLE}
            />
            {showLegend ? <Legend wrapperStyle={LEGEND_STYLE} itemSorter={seriesOrder} /> : null}
            {marks.map(({ series: s, kind, axis }) => {
              const common = { dataKey: s.key, name: s.label, yAxisId: axis, isAnimationActive: false, connectNulls: p.connectNulls ?? false };
              if (kind === 'bar') {
                return <Bar key={s.key} {...common} fill={s.color} stackId={p.stackBars ? `bars-${axis}` : undefined} maxBarSize={48} />;
              }
              if (kind === 'area') {
                return (
                  <Area
                    key={s.key}
                    {...common}
                    type={CURVES[p.curve]}
                    stroke={s.color}
                    strokeWidth={2}
                    fill={s.color}
                    fillOpacity={p.stackAreas ? 0.55 : 0.18}
                    stackId={p.stackAreas ? `areas-${axis}` : undefined}
                    dot={false}
                    activeDot={{ r: 4 }}
                  />
                );
              }
              return (
                <Line
                  key={s.key}
                  {...common}
                  type={CURVES[p.curve]}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={showDots ? { r: 2.5, fill: s.color, strokeWidth: 0 } : false}
                  activeDot={{ r: 4 }}
                />
              );
            })}
          </ComposedChart>
        </ChartCanvas>
      )}
    </ChartFrame>
  );
}
