'use client';
import { useMemo } from 'react';
import { asColumnList, buildSeries } from '../shared/cartesian';
import { XYChart, type XYMark } from '../shared/cartesian-view';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';

type Props = ResolvedPropsOf<typeof definition>;

export function AreaChartView({ props, layout }: ViewProps<Props>) {
  const marks = useMemo<XYMark[]>(
    () => buildSeries(asColumnList(props.y), { labels: props.labels, colors: props.colors }).map((series) => ({ series, kind: 'area', axis: 'left' })),
    [props.y, props.labels, props.colors],
  );
  return (
    <XYChart
      kind="Area chart"
      data={props.data}
      x={props.x}
      marks={marks}
      layout={layout}
      height={props.height}
      title={props.title}
      description={props.description}
      curve={props.curve}
      connectNulls={props.connectNulls}
      stackAreas={props.stacked}
      includeZero
      yFormat={props.yFormat}
      xFormat={props.xFormat}
      currency={props.currency}
      legend={props.legend}
      maxPoints={props.maxPoints}
    />
  );
}
