'use client';
import { useMemo, useState, type MouseEvent } from 'react';
import { CartesianGrid, ComposedChart, DefaultZIndexes, Legend, XAxis, YAxis, ZIndexLayer, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { countOf, formatValue, toNumber, type ValueFormat } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import {
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  LEGEND_STYLE,
  TOOLTIP_STYLE,
  axisFormatter,
  axisWidthFor,
  categoryKey,
  columnKind,
  missingColumns,
  reachOf,
  resolveValueFormat,
  timeLabelFormat,
  timeTicks,
  toTime,
} from '../shared/cartesian';
import { ChartCanvas, ChartMessage } from '../shared/chart-canvas';
import { seriesColor } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';

type Props = ResolvedPropsOf<typeof definition>;

interface Point {
  x: number;
  y: number;
  z?: number;
  g?: string;
}

interface Group {
  name: string;
  color: string;
  points: Point[];
}

/** Evenly spread, repeatable picks: the same rows on every render and every machine. */
export function evenSample<T>(items: ArrayLike<T>, max: number): T[] {
  if (items.length <= max) return Array.from(items);
  const out: T[] = new Array(max);
  for (let i = 0; i < max; i++) out[i] = items[Math.floor((i * items.length) / max)]!;
  return out;
}

const MIN_AREA = 16;
const MAX_AREA = 400;
const DOT_AREA = 36;
/** Hover picks the nearest dot within this many pixels. */
const HIT_RADIUS = 14;
const TOOLTIP_Z = 3000;

interface DotsProps {
  groups: readonly Group[];
  /** Radius for a point: fixed, or from its size value. */
  radius: (p: Point) => number;
  describe: (p: Point) => { title?: string; lines: [string, string][] };
}

/**
 * The dots, drawn as plain circles with the axes' scales. Recharts' Scatter
 * renders each point as a component with its own hooks and handlers: about
 * 4 s for 5,000 points on these machines, against well under a second here.
 * One transparent rectangle over the plot area finds the nearest dot for the
 * tooltip.
 */
function ScatterDots({ groups, radius, describe }: DotsProps) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  const [hover, setHover] = useState<{ g: number; i: number } | null>(null);
  const placed = useMemo(() => {
    if (!xScale || !yScale) return [];
    return groups.map((g) =>
      g.points.map((p) => ({ cx: xScale(p.x) ?? Number.NaN, cy: yScale(p.y) ?? Number.NaN, r: radius(p) })),
    );
  }, [groups, xScale, yScale, radius]);
  // Hovering re-renders this layer; the thousands of circles stay the same elements.
  const circles = useMemo(
    () =>
      placed.map((dots, g) => (
        <g key={groups[g]!.name} className="ap-scatter-group" fill={groups[g]!.color} fillOpacity={0.7}>
          {dots.map((d, i) => (Number.isFinite(d.cx) && Number.isFinite(d.cy) ? <circle key={i} cx={d.cx} cy={d.cy} r={d.r} /> : null))}
        </g>
      )),
    [placed, groups],
  );
  if (!plot || placed.length === 0) return null;

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const mx = e.clientX - box.left + plot.x;
    const my = e.clientY - box.top + plot.y;
    let next: { g: number; i: number } | null = null;
    let bestD = HIT_RADIUS;
    for (let g = 0; g < placed.length; g++) {
      const dots = placed[g]!;
      for (let i = 0; i < dots.length; i++) {
        const d = dots[i]!;
        const dist = Math.hypot(d.cx - mx, d.cy - my) - d.r;
        if (dist <= bestD) {
          bestD = dist;
          next = { g, i };
        }
      }
    }
    setHover((prev) => (prev?.g === next?.g && prev?.i === next?.i ? prev : next));
  };

  // New data can leave a stale hover behind: check the dot still exists.
  const hovered = hover ? placed[hover.g]?.[hover.i] : undefined;
  const active = hover && hovered ? { dot: hovered, point: groups[hover.g]!.points[hover.i]!, group: groups[hover.g]! } : null;
  const info = active ? describe(active.point) : null;
  const tipWidth = 200;
  const tipHeight = 22 + (info?.lines.length ?? 0) * 18;
  const tipX = active ? (active.dot.cx + 12 + tipWidth > plot.x + plot.width ? active.dot.cx - 12 - tipWidth : active.dot.cx + 12) : 0;
  const tipY = active ? Math.max(plot.y, Math.min(active.dot.cy - tipHeight / 2, plot.y + plot.height - tipHeight)) : 0;

  // Dots above the grid and axis lines (recharts' own scatter layer); the tooltip above everything.
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
        <g className="ap-scatter-dots">
          {circles}
          {active ? (
            <circle cx={active.dot.cx} cy={active.dot.cy} r={active.dot.r + 3} fill="none" stroke={active.group.color} strokeWidth={2} pointerEvents="none" />
          ) : null}
          <rect
            x={plot.x}
            y={plot.y}
            width={plot.width}
            height={plot.height}
            fill="transparent"
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
            style={{ cursor: active ? 'pointer' : 'default' }}
          />
        </g>
      </ZIndexLayer>
      {/* Always mounted: a zIndex layer needs a render to register before it can show anything. */}
      <ZIndexLayer zIndex={TOOLTIP_Z}>
        {active && info ? (
          <foreignObject x={tipX} y={tipY} width={tipWidth} height={tipHeight} pointerEvents="none">
            <div role="tooltip" style={{ ...TOOLTIP_STYLE.contentStyle, boxSizing: 'border-box', height: '100%', overflow: 'hidden', whiteSpace: 'nowrap' }}>
              {info.title ? <div style={TOOLTIP_STYLE.labelStyle}>{info.title}</div> : null}
              {info.lines.map(([name, value]) => (
                <div key={name}>
                  <span style={{ color: 'var(--ap-muted, #5d6778)' }}>{name}: </span>
                  {value}
                </div>
              ))}
            </div>
          </foreignObject>
        ) : null}
      </ZIndexLayer>
    </>
  );
}

function GroupLegend({ groups }: { groups: readonly Group[] }) {
  return (
    <ul style={{ ...LEGEND_STYLE, listStyle: 'none', margin: 0, padding: '4px 0 0', display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '4px 14px' }}>
      {groups.map((g) => (
        <li key={g.name} className="recharts-legend-item" style={{ display: 'inline-flex', alignItems: 'center', gap: 5 }}>
          <svg width={10} height={10} aria-hidden="true">
            <circle cx={5} cy={5} r={5} fill={g.color} />
          </svg>
          <span className="recharts-legend-item-text">{g.name}</span>
        </li>
      ))}
    </ul>
  );
}

export function ScatterChartView({ props, layout }: ViewProps<Props>) {
  const { data, x, y, size, group, maxPoints, maxGroups, currency } = props;
  const xIsTime = columnKind(data, x) === 'time';

  const prepared = useMemo(() => {
    // One cheap pass finds the usable rows (and group sizes); objects are made only for the sampled ones.
    const rows = data.rows;
    const usable = new Uint32Array(rows.length);
    let count = 0;
    const counts = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if ((xIsTime ? toTime(row[x]) : toNumber(row[x])) === undefined || toNumber(row[y]) === undefined) continue;
      usable[count++] = i;
      if (group) {
        const g = categoryKey(row[group]);
        counts.set(g, (counts.get(g) ?? 0) + 1);
      }
    }
    const skipped = rows.length - count;
    const points: Point[] = evenSample(usable.subarray(0, count), maxPoints).map((i) => {
      const row = rows[i]!;
      return {
        x: (xIsTime ? toTime(row[x]) : toNumber(row[x]))!,
        y: toNumber(row[y])!,
        z: size ? (toNumber(row[size]) ?? 0) : undefined,
        g: group ? categoryKey(row[group]) : undefined,
      };
    });
    const notes: string[] = [];
    if (points.length < count) {
      notes.push(`Showing ${points.length.toLocaleString('en-US')} of ${countOf(count, 'point')}, sampled evenly through the rows.`);
    }
    if (skipped > 0) notes.push(`${countOf(skipped, 'row')} without a numeric ${x} and ${y} left out.`);

    let groups: Group[];
    if (!group) {
      groups = [{ name: y, color: seriesColor(0, props.colors), points }];
    } else {
      // Largest groups (over all usable rows) get their own colour, in a stable order.
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
      const own = ranked.length > maxGroups ? ranked.slice(0, maxGroups - 1) : ranked;
      const index = new Map(own.map((name, i) => [name, i]));
      groups = own.map((name, i) => ({ name, color: seriesColor(i, props.colors), points: [] }));
      if (own.length < ranked.length) {
        groups.push({ name: 'Other', color: 'var(--ap-series-8, #6b7785)', points: [] });
        notes.push(`${ranked.length - own.length} smaller groups of ${group} are shown together as "Other".`);
      }
      for (const p of points) groups[index.get(p.g!) ?? groups.length - 1]!.points.push(p);
    }
    return { groups, points, notes };
  }, [data.rows, x, y, size, group, xIsTime, maxPoints, maxGroups, props.colors]);

  const missing = missingColumns(data, [x, y, size, group]);
  const xFormat: ValueFormat = xIsTime
    ? props.xFormat === 'auto'
      ? timeLabelFormat(prepared.points.map((p) => p.x))
      : props.xFormat
    : resolveValueFormat(props.xFormat, data, x);
  const yFormat = resolveValueFormat(props.yFormat, data, y);
  const sizeFormat = resolveValueFormat(props.sizeFormat, data, size);

  let xTicks: number[] | undefined;
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  if (prepared.points.length > 0) {
    for (const p of prepared.points) {
      if (p.x < xMin) xMin = p.x;
      if (p.x > xMax) xMax = p.x;
      if (p.y < yMin) yMin = p.y;
      if (p.y > yMax) yMax = p.y;
    }
    if (xIsTime) xTicks = timeTicks(xMin, xMax).ticks;
  }
  const xTick = axisFormatter({ format: xFormat, currency }, xIsTime ? undefined : reachOf([xMin, xMax]));
  const yTick = axisFormatter({ format: yFormat, currency }, reachOf([yMin, yMax]));
  const domain: [number | 'auto', number | 'auto'] = props.includeZero ? [0, 'auto'] : ['auto', 'auto'];
  const showLegend = props.legend ?? prepared.groups.length > 1;

  const sizeRange = useMemo(() => {
    let min = Infinity;
    let max = -Infinity;
    if (size) for (const p of prepared.points) if (p.z !== undefined) (min = Math.min(min, p.z)), (max = Math.max(max, p.z));
    return { min, max };
  }, [prepared.points, size]);
  const radius = useMemo(() => {
    if (!size || !(sizeRange.max > sizeRange.min)) return () => Math.sqrt(DOT_AREA / Math.PI);
    return (p: Point) => {
      const t = ((p.z ?? sizeRange.min) - sizeRange.min) / (sizeRange.max - sizeRange.min);
      return Math.sqrt((MIN_AREA + t * (MAX_AREA - MIN_AREA)) / Math.PI);
    };
  }, [size, sizeRange]);
  const describe = (p: Point) => ({
    title: group ? p.g : undefined,
    lines: [
      [x, formatValue(p.x, xFormat, { currency })],
      [y, formatValue(p.y, yFormat, { currency })],
      ...(size && p.z !== undefined ? [[size, formatValue(p.z, sizeFormat, { currency })]] : []),
    ] as [string, string][],
  });
  // The axes size themselves from the extremes alone; the dots never pass through recharts.
  const extent = prepared.points.length > 0 ? [{ x: xMin, y: yMin }, { x: xMax, y: yMax }] : [];

  return (
    <ChartFrame kind="Scatter chart" subject={`${y} against ${x}`} title={props.title} description={props.description} data={data} height={props.height} layout={layout}>
      {missing.length > 0 ? (
        <ChartMessage>{`Not in the result of ${data.query}: ${missing.join(', ')}`}</ChartMessage>
      ) : prepared.points.length === 0 ? (
        <ChartMessage>{`No rows with a numeric ${x} and ${y}`}</ChartMessage>
      ) : (
        <ChartCanvas height={props.height} layout={layout} notes={prepared.notes}>
          <ComposedChart data={extent} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name={x}
              domain={xIsTime ? ['dataMin', 'dataMax'] : domain}
              scale={xIsTime ? 'time' : 'auto'}
              ticks={xTicks}
              tickFormatter={xTick}
              allowDecimals={xFormat !== 'integer'}
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
              minTickGap={16}
            />
            <YAxis
              type="number"
              dataKey="y"
              name={y}
              domain={domain}
              tickFormatter={yTick}
              allowDecimals={yFormat !== 'integer'}
              width={axisWidthFor([yTick(yMax), yTick(yMin), yTick(yMax + (yMax - yMin) * 0.2)])}
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
            />
            {showLegend ? <Legend content={() => <GroupLegend groups={prepared.groups} />} /> : null}
            <ScatterDots groups={prepared.groups} radius={radius} describe={describe} />
          </ComposedChart>
        </ChartCanvas>
      )}
    </ChartFrame>
  );
}
