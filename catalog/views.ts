'use client';
/**
 * The renderers, keyed by component type. A test checks that every catalog
 * definition has exactly one view here.
 */
import type { AnyView } from './view-types';
import { SectionView } from './section/view';
import { RowView } from './row/view';
import { GridView } from './grid/view';
import { CardView } from './card/view';
import { DividerView } from './divider/view';
import { SpacerView } from './spacer/view';
import { HeadingView } from './heading/view';
import { TextView } from './text/view';
import { MarkdownView } from './markdown/view';
import { StatView } from './stat/view';
import { StatRowView } from './stat-row/view';
import { BadgeView } from './badge/view';
import { CalloutView } from './callout/view';
import { ListView } from './list/view';
import { TableView } from './table/view';
import { BarChartView } from './bar-chart/view';
import { LineChartView } from './line-chart/view';
import { PieChartView } from './pie-chart/view';
import { AreaChartView } from './area-chart/view';
import { ScatterChartView } from './scatter-chart/view';
import { ComposedChartView } from './composed-chart/view';
import { FunnelChartView } from './funnel-chart/view';
import { RadarChartView } from './radar-chart/view';
import { GaugeChartView } from './gauge-chart/view';
import { TreemapView } from './treemap/view';
import { SankeyView } from './sankey/view';
import { SignalMapView } from './signal-map/view';
import { InsightView } from './insight/view';
import { CustomView } from './custom/view';

export const views: Readonly<Record<string, AnyView>> = {
  Section: SectionView,
  Row: RowView,
  Grid: GridView,
  Card: CardView,
  Divider: DividerView,
  Spacer: SpacerView,
  Heading: HeadingView,
  Text: TextView,
  Markdown: MarkdownView,
  Stat: StatView,
  StatRow: StatRowView,
  Badge: BadgeView,
  Callout: CalloutView,
  List: ListView,
  Table: TableView,
  BarChart: BarChartView,
  LineChart: LineChartView,
  PieChart: PieChartView,
  AreaChart: AreaChartView,
  ScatterChart: ScatterChartView,
  ComposedChart: ComposedChartView,
  FunnelChart: FunnelChartView,
  RadarChart: RadarChartView,
  GaugeChart: GaugeChartView,
  Treemap: TreemapView,
  Sankey: SankeyView,
  SignalMap: SignalMapView,
  Insight: InsightView,
  Custom: CustomView,
};
