// @vitest-environment jsdom
/**
 * Recharts draws nothing on the server, so every recharts chart sends a
 * placeholder of its shape in its sized, named figure instead (the first
 * paint, before the chart's code arrives), and draws the chart once mounted.
 */
import { cleanup, render } from '@testing-library/react';
import type { ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition as bar } from '../bar-chart/definition';
import { BarChartView } from '../bar-chart/view';
import { definition as pie } from '../pie-chart/definition';
import { PieChartView } from '../pie-chart/view';
import { definition as radar } from '../radar-chart/definition';
import { RadarChartView } from '../radar-chart/view';
import { definition as sankey } from '../sankey/definition';
import { SankeyView } from '../sankey/view';
import { definition as treemap } from '../treemap/definition';
import { TreemapView } from '../treemap/view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[]): BoundRows {
  return { query: 'q', rows: list, columns: Object.keys(list[0]!).map((name) => ({ name })), truncated: false };
}

const channels = rows([
  { channel: 'email', topic: 'billing', sentiment: 'positive', events: 30, rate: 0.4 },
  { channel: 'chat', topic: 'billing', sentiment: 'negative', events: 25, rate: 0.7 },
  { channel: 'phone', topic: 'returns', sentiment: 'positive', events: 19, rate: 0.5 },
]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyView = ComponentType<{ props: any; layout?: 'dashboard' }>;
const charts: { name: string; view: AnyView; props: Record<string, unknown>; rowsProp: string; shape: string; figure: RegExp }[] = [
  { name: 'PieChart', view: PieChartView as AnyView, props: pie.props.parse({ data: { $query: 'q' }, label: 'channel', value: 'events' }), rowsProp: 'data', shape: 'round', figure: /Pie chart/ },
  { name: 'RadarChart', view: RadarChartView as AnyView, props: radar.props.parse({ data: { $query: 'q' }, axis: 'channel', y: ['rate'] }), rowsProp: 'data', shape: 'round', figure: /Radar chart/ },
  { name: 'Treemap', view: TreemapView as AnyView, props: treemap.props.parse({ data: { $query: 'q' }, label: 'channel', value: 'events' }), rowsProp: 'data', shape: 'block', figure: /Treemap/ },
  { name: 'Sankey', view: SankeyView as AnyView, props: sankey.props.parse({ links: { $query: 'q' }, sourceField: 'channel', targetField: 'sentiment', valueField: 'events' }), rowsProp: 'links', shape: 'block', figure: /Sankey|Flow/ },
  { name: 'BarChart', view: BarChartView as AnyView, props: bar.props.parse({ data: { $query: 'q' }, x: 'channel', y: 'events' }), rowsProp: 'data', shape: '', figure: /Bar chart/ },
];

describe('charts before their code arrives', () => {
  for (const chart of charts) {
    it(`${chart.name}: the server's HTML holds a sized, named figure with a ${chart.shape || 'grid'} placeholder; mounted, the chart`, () => {
      const View = chart.view;
      const props = { ...chart.props, [chart.rowsProp]: channels };
      const html = renderToString(<View props={props} layout="dashboard" />);
      expect(html).toMatch(chart.figure);
      expect(html).toContain('data-chart-placeholder');
      if (chart.shape) expect(html).toContain(`ap-chart-placeholder-${chart.shape}`);
      expect(html).not.toContain('recharts-surface');

      const { container } = render(<View props={props} layout="dashboard" />);
      expect(container.querySelector('.recharts-surface')).not.toBeNull();
      expect(container.querySelector('[data-chart-placeholder]')).toBeNull();
    });
  }
});
