/**
 * The catalog: one line per component. Definitions only (no React), so the
 * server, the CLI and the JSON Schema generator load it safely. Adding a
 * component means adding its folder, a line here and a line in views.ts.
 */
import { defineCatalog } from '../lib/spec/define';
import { definition as section } from './section/definition';
import { definition as row } from './row/definition';
import { definition as grid } from './grid/definition';
import { definition as card } from './card/definition';
import { definition as divider } from './divider/definition';
import { definition as spacer } from './spacer/definition';
import { definition as heading } from './heading/definition';
import { definition as text } from './text/definition';
import { definition as markdown } from './markdown/definition';
import { definition as stat } from './stat/definition';
import { definition as statRow } from './stat-row/definition';
import { definition as badge } from './badge/definition';
import { definition as callout } from './callout/definition';
import { definition as list } from './list/definition';
import { definition as table } from './table/definition';
import { definition as barChart } from './bar-chart/definition';
import { definition as lineChart } from './line-chart/definition';
import { definition as pieChart } from './pie-chart/definition';
import { definition as areaChart } from './area-chart/definition';
import { definition as scatterChart } from './scatter-chart/definition';
import { definition as composedChart } from './composed-chart/definition';
import { definition as funnelChart } from './funnel-chart/definition';
import { definition as radarChart } from './radar-chart/definition';
import { definition as gaugeChart } from './gauge-chart/definition';
import { definition as treemap } from './treemap/definition';
import { definition as sankey } from './sankey/definition';
import { definition as signalMap } from './signal-map/definition';
import { definition as insight } from './insight/definition';
import { definition as custom } from './custom/definition';

export const catalog = defineCatalog([
  section,
  row,
  grid,
  card,
  divider,
  spacer,
  heading,
  text,
  markdown,
  stat,
  statRow,
  badge,
  callout,
  list,
  table,
  barChart,
  lineChart,
  pieChart,
  areaChart,
  scatterChart,
  composedChart,
  funnelChart,
  radarChart,
  gaugeChart,
  treemap,
  sankey,
  signalMap,
  insight,
  custom,
]);
