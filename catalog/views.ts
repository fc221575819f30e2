'use client';
/**
 * The renderers, keyed by component type, each loaded on its own: a page
 * downloads the code of the component types it uses and no other (a page of
 * headings loads no chart library). `next/dynamic` keeps server rendering, so
 * the server's HTML is complete, and preloads the chunks of the views it
 * rendered, so hydration keeps that HTML instead of flashing a fallback.
 * Each loader names its module literally: that is what lets the bundler split
 * it out. A test checks that every catalog definition has exactly one view
 * here.
 */
import dynamic from 'next/dynamic';
import type { AnyView } from './view-types';

export const views: Readonly<Record<string, AnyView>> = {
  Section: dynamic(() => import('./section/view').then((m) => m.SectionView)),
  Row: dynamic(() => import('./row/view').then((m) => m.RowView)),
  Grid: dynamic(() => import('./grid/view').then((m) => m.GridView)),
  Card: dynamic(() => import('./card/view').then((m) => m.CardView)),
  Divider: dynamic(() => import('./divider/view').then((m) => m.DividerView)),
  Spacer: dynamic(() => import('./spacer/view').then((m) => m.SpacerView)),
  Heading: dynamic(() => import('./heading/view').then((m) => m.HeadingView)),
  Text: dynamic(() => import('./text/view').then((m) => m.TextView)),
  Markdown: dynamic(() => import('./markdown/view').then((m) => m.MarkdownView)),
  Stat: dynamic(() => import('./stat/view').then((m) => m.StatView)),
  StatRow: dynamic(() => import('./stat-row/view').then((m) => m.StatRowView)),
  Badge: dynamic(() => import('./badge/view').then((m) => m.BadgeView)),
  Callout: dynamic(() => import('./callout/view').then((m) => m.CalloutView)),
  List: dynamic(() => import('./list/view').then((m) => m.ListView)),
  Table: dynamic(() => import('./table/view').then((m) => m.TableView)),
  BarChart: dynamic(() => import('./bar-chart/view').then((m) => m.BarChartView)),
  LineChart: dynamic(() => import('./line-chart/view').then((m) => m.LineChartView)),
  PieChart: dynamic(() => import('./pie-chart/view').then((m) => m.PieChartView)),
  AreaChart: dynamic(() => import('./area-chart/view').then((m) => m.AreaChartView)),
  ScatterChart: dynamic(() => import('./scatter-chart/view').then((m) => m.ScatterChartView)),
  ComposedChart: dynamic(() => import('./composed-chart/view').then((m) => m.ComposedChartView)),
  FunnelChart: dynamic(() => import('./funnel-chart/view').then((m) => m.FunnelChartView)),
  RadarChart: dynamic(() => import('./radar-chart/view').then((m) => m.RadarChartView)),
  GaugeChart: dynamic(() => import('./gauge-chart/view').then((m) => m.GaugeChartView)),
  Treemap: dynamic(() => import('./treemap/view').then((m) => m.TreemapView)),
  Sankey: dynamic(() => import('./sankey/view').then((m) => m.SankeyView)),
  SignalMap: dynamic(() => import('./signal-map/view').then((m) => m.SignalMapView)),
  Insight: dynamic(() => import('./insight/view').then((m) => m.InsightView)),
  Custom: dynamic(() => import('./custom/view').then((m) => m.CustomView)),
};
