'use client';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { countOf, toNumber } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import {
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  LEGEND_STYLE,
  TOOLTIP_STYLE,
  asColumnList,
  axisFormatter,
  axisWidthFor,
  buildSeries,
  categoryKey,
  columnKind,
  missingColumns,
  reachOf,
  planXAxis,
  resolveValueFormat,
  valueAxisWidth,
  valueExtent,
  valueFormatter,
  seriesOrder,
  type ChartRow,
} from '../shared/cartesian';
import { ChartCanvas, ChartMessage } from '../shared/chart-canvas';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';

type Props = ResolvedPropsOf<typeof definition>;

export function BarChartView({ props, layout }: ViewProps<Props>) {
  const { data, x, stacked, horizontal, sort, limit, other, otherLabel, showValues, currency } = props;
  const series = useMemo(() => buildSeries(asColumnList(props.y), { labels: props.labels, colors: props.colors }), [props.y, props.labels, props.colors]);

  const prepared = useMemo(() => {
    const all: ChartRow[] = data.rows.map((raw) => {
      const row = { x: categoryKey(raw[x]) } as ChartRow;
      for (const s of series) row[s.key] = toNumber(raw[s.column]) ?? null;
      return row;
    });
    if (sort !== 'none' && series[0]) {
      const k = series[0].key;
      const dir = sort === 'asc' ? 1 : -1;
      // Stable; nulls last either way.
      all.sort((a, b) => {
        const va = a[k] as number | null;
        const vb = b[k] as number | null;
        if (va === null) return vb === null ? 0 : 1;
        if (vb === null) return -1;
        return (va - vb) * dir;
      });
    }
    let rows = all;
    const notes: string[] = [];
    if (all.length > limit) {
      rows = all.slice(0, limit);
      const rest = all.slice(limit);
      const which = sort === 'desc' ? 'largest' : sort === 'asc' ? 'smallest' : 'first';
      if (other) {
        const sum = { x: otherLabel } as ChartRow;
        for (const s of series) {
          let total: number | null = null;
          for (const r of rest) if (typeof r[s.key] === 'number') total = (total ?? 0) + (r[s.key] as number);
          sum[s.key] = total;
        }
        rows = [...rows, sum];
        notes.push(`Showing the ${which} ${limit.toLocaleString('en-US')} of ${countOf(all.length, 'category', 'categories')}; the other ${rest.length.toLocaleString('en-US')} are summed into "${otherLabel}".`);
      } else {
        notes.push(`Showing the ${which} ${limit.toLocaleString('en-US')} of ${countOf(all.length, 'category', 'categories')}.`);
      }
    }
    return { rows, notes };
  }, [data.rows, x, series, sort, limit, other, otherLabel]);

  const missing = missingColumns(data, [x, ...series.map((s) => s.column)]);
  const valueFormat = resolveValueFormat(props.yFormat, data, series[0]?.column);
  const valueText = valueFormatter({ format: valueFormat, currency });
  const keys = series.map((s) => s.key);
  const extent = valueExtent(prepared.rows, keys, stacked);
  const valueTick = axisFormatter({ format: valueFormat, currency }, reachOf(extent));
  const xPlan = planXAxis('category', prepared.rows.map((r) => r.x), props.xFormat, currency, columnKind(data, x) === 'time');
  const showLegend = props.legend ?? series.length > 1;
  const lastKey = keys[keys.length - 1];

  // Printed values need room past the longest bar.
  const valueRoom = showValues ? axisWidthFor([valueText(extent[1]), valueText(extent[0])], 0, 140) : 0;
  const margin = { top: showValues && !horizontal ? 18 : 8, right: horizontal ? Math.max(16, valueRoom) : 16, bottom: 4, left: 4 };

  const valueAxis = {
    type: 'number' as const,
    tickFormatter: valueTick,
    allowDecimals: valueFormat !== 'integer',
    tick: AXIS_TICK,
    axisLine: AXIS_LINE,
    tickLine: AXIS_LINE,
  };
  const categoryAxis = {
    type: 'category' as const,
    dataKey: 'x',
    tickFormatter: xPlan.tick,
    tick: AXIS_TICK,
    axisLine: AXIS_LINE,
    tickLine: AXIS_LINE,
  };

  return (
    <ChartFrame kind="Bar chart" subject={`${series.map((s) => s.label).join(', ')} by ${x}`} title={props.title} description={props.description} data={data} height={props.height} layout={layout}>
      {missing.length > 0 ? (
        <ChartMessage>{`Not in the result of ${data.query}: ${missing.join(', ')}`}</ChartMessage>
      ) : (
        <ChartCanvas height={props.height} layout={layout} notes={prepared.notes}>
          <BarChart data={prepared.rows} layout={horizontal ? 'vertical' : 'horizontal'} margin={margin} barCategoryGap="18%">
            <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
            {horizontal ? (
              <>
                <XAxis {...valueAxis} />
                <YAxis {...categoryAxis} width={axisWidthFor(prepared.rows.map((r) => xPlan.tick(r.x)), 40, 180)} interval={0} />
              </>
            ) : (
              <>
                <XAxis {...categoryAxis} />
                <YAxis {...valueAxis} width={valueAxisWidth(extent, valueTick)} />
              </>
            )}
            <Tooltip
              formatter={(value) => valueText(value)}
              labelFormatter={(label) => xPlan.label(label)}
              cursor={{ fill: 'var(--ap-accent-soft, #eef1fd)' }}
              itemSorter={seriesOrder}
              {...TOOLTIP_STYLE}
            />
            {showLegend ? <Legend wrapperStyle={LEGEND_STYLE} itemSorter={seriesOrder} /> : null}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={stacked ? 'stack' : undefined}
                maxBarSize={56}
                radius={!stacked || s.key === lastKey ? (horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]) : 0}
                isAnimationActive={false}
              >
                {showValues && (!stacked || s.key === lastKey) ? (
                  <LabelList
                    dataKey={stacked ? (row: ChartRow) => valueExtent([row], keys, true)[1] : s.key}
                    position={horizontal ? 'right' : 'top'}
                    formatter={(v: unknown) => valueText(v)}
                    style={{ fill: 'var(--ap-muted, #5d6778)', fontSize: 11 }}
                  />
                ) : null}
              </Bar>
            ))}
          </BarChart>
        </ChartCanvas>
      )}
    </ChartFrame>
  );
}
