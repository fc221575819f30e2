'use client';
import { useMemo } from 'react';
import { asColumnList, buildSeries } from '../shared/cartesian';
import { XYChart, type XYMark } from '../shared/cartesian-view';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';

type Props = ResolvedPropsOf<typeof definition>;

export function ComposedChartView({ props, layout }: ViewProps<Props>) {
  const { bars, lines, areas, rightAxis, labels, colors } = props;
  const marks = useMemo<XYMark[]>(() => {
    const right = new Set(asColumnList(rightAxis));
    const groups: [XYMark['kind'], string[]][] = [
      ['bar', asColumnList(bars)],
      ['area', asColumnList(areas)],
      ['line', asColumnList(lines)],
    ];
    const listed = new Set(groups.flatMap(([, cols]) => cols));
    // Right-axis columns named nowhere else are drawn as lines.
    groups[2]![1].push(...[...right].filter((c) => !listed.has(c)));
    const kinds = groups.flatMap(([kind, cols]) => cols.map(() => kind));
    const series = buildSeries(
      groups.flatMap(([, cols]) => cols),
      { labels, colors },
    );
    // Colours follow the order bars, areas, lines; drawing order is areas, bars, lines (lines on top).
    const all = series.map((s, i) => ({ series: s, kind: kinds[i]!, axis: right.has(s.column) ? ('right' as const) : ('left' as const) }));
    const rank = { area: 0, bar: 1, line: 2 } as const;
    return all.sort((a, b) => rank[a.kind] - rank[b.kind]);
  }, [bars, lines, areas, rightAxis, labels, colors]);
  return (
    <XYChart
      kind="Composed chart"
      data={props.data}
      x={props.x}
      marks={marks}
      layout={layout}
      height={props.height}
      title={props.title}
      description={props.description}
      curve={props.curve}
      stackAreas={props.stacked}
      stackBars={props.stacked}
      includeZero
      yFormat={props.yFormat}
      rightFormat={props.rightFormat}
      xFormat={props.xFormat}
      currency={props.currency}
      legend={props.legend}
      maxPoints={props.maxPoints}
    />
  );
}
