// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { definition as table } from '../table/definition';
import { TableView } from '../table/view';
import { definition as bar } from '../bar-chart/definition';
import { BarChartView } from '../bar-chart/view';
import { definition as line } from '../line-chart/definition';
import { LineChartView } from '../line-chart/view';
import { definition as area } from '../area-chart/definition';
import { AreaChartView } from '../area-chart/view';
import { definition as scatter } from '../scatter-chart/definition';
import { ScatterChartView } from '../scatter-chart/view';
import { definition as composed } from '../composed-chart/definition';
import { ComposedChartView } from '../composed-chart/view';

const reg: Record<string, [any, any]> = { Table: [table, TableView], BarChart: [bar, BarChartView], LineChart: [line, LineChartView], AreaChart: [area, AreaChartView], ScatterChart: [scatter, ScatterChartView], ComposedChart: [composed, ComposedChartView] };
const results = JSON.parse(fs.readFileSync('/tmp/ex/results.json', 'utf8'));

it('renders every example over real rows', () => {
  for (const key of Object.keys(results)) {
    const file = key.split('#')[0]!;
    if (!key.endsWith('#' + JSON.parse(fs.readFileSync(`catalog/${file.replace('/', '/examples/')}`, 'utf8')).declared_queries[0].name)) continue;
    const page = JSON.parse(fs.readFileSync(`catalog/${file.replace('/', '/examples/')}`, 'utf8'));
    const nodes: any[] = [];
    const walk = (n: any) => { if (reg[n.type]) nodes.push(n); (n.children ?? []).forEach(walk); };
    walk(page.spec.root);
    for (const node of nodes) {
      const [def, View] = reg[node.type]!;
      const parsed = def.props.parse(node.props ?? {});
      const data = results[`${file}#${node.props.data.$query}`];
      if (!data) continue;
      const cols = new Set(data.columns.map((c: any) => c.name));
      for (const prop of Object.keys(def.columnsOf ?? {})) {
        const vals = prop === 'columns[].key' ? (parsed.columns ?? []).map((c: any) => c.key) : [parsed[prop]].flat().filter(Boolean);
        for (const v of vals) expect(cols.has(v), `${file} ${node.type}.${prop}=${v}`).toBe(true);
      }
      const t = performance.now();
      const { container } = render(<View props={{ ...parsed, data }} layout={page.spec.layout} />);
      const ms = Math.round(performance.now() - t);
      const notes = [...container.querySelectorAll('[role=note]')].map((n) => n.textContent);
      const text = container.querySelector('.ap-empty')?.textContent;
      const marks = container.querySelectorAll('.recharts-bar-rectangle path, path.recharts-line-curve, .recharts-area-area, .recharts-scatter-symbol, tbody tr:not([aria-hidden])').length;
      const xt = [...container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent).slice(0, 8);
      const yt = [...container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent).slice(0, 12);
      console.log(`${file} ${node.type} "${parsed.title}": ${ms}ms marks=${marks} empty=${text ?? '-'} notes=${JSON.stringify(notes)}\n   x=${JSON.stringify(xt)}\n   y=${JSON.stringify(yt)}`);
      expect(text).toBeUndefined();
      cleanup();
    }
  }
});
