// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { AreaChartView } from './view';

afterEach(cleanup);

const DAY = 86_400_000;
const start = Date.UTC(2026, 4, 5);

const bySentiment: BoundRows = {
  query: 'daily_sentiment',
  columns: [
    { name: 'day', type: 'timestamptz' },
    { name: 'positive', type: 'int8' },
    { name: 'neutral', type: 'int8' },
    { name: 'negative', type: 'int8' },
  ],
  rows: Array.from({ length: 60 }, (_, i) => ({
    // PGlite hands timestamps over as Date objects.
    day: new Date(start + i * DAY),
    positive: 200 + (i % 7) * 10,
    neutral: 150 + (i % 5) * 5,
    negative: 80 + (i % 3) * 20,
  })),
  truncated: false,
};

function renderArea({ data, ...props }: Record<string, unknown>) {
  const parsed = definition.props.parse({ ...props, data: { $query: 'daily_sentiment' } });
  return render(<AreaChartView props={{ ...parsed, data: (data as BoundRows | undefined) ?? bySentiment }} layout="dashboard" />);
}

const areas = (c: HTMLElement) => [...c.querySelectorAll('.recharts-area-area')];
const yTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
const xTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
const topOf = (c: HTMLElement) => Number(yTicks(c).at(-1)!.replace(/,/g, ''));

describe('AreaChartView', () => {
  it('draws one filled area per series over dates given as Date objects', () => {
    const { container } = renderArea({ title: 'Sentiment', x: 'day', y: ['positive', 'neutral', 'negative'] });
    expect(areas(container)).toHaveLength(3);
    expect(xTicks(container).length).toBeGreaterThanOrEqual(3);
    for (const t of xTicks(container)) expect(t).toMatch(/2026$/);
    expect([...container.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent)).toEqual(['positive', 'neutral', 'negative']);
    // Unstacked, the axis only needs to reach the largest single series (260).
    expect(topOf(container)).toBeLessThan(400);
  });

  it('stacks areas so the axis reaches the total', () => {
    const { container } = renderArea({ x: 'day', y: ['positive', 'neutral', 'negative'], stacked: true });
    expect(areas(container)).toHaveLength(3);
    // Largest total is 260 + 170 + 120 = 550.
    expect(topOf(container)).toBeGreaterThanOrEqual(550);
  });

  it('uses labels, colours and the currency format', () => {
    const { container } = renderArea({
      x: 'day',
      y: 'positive',
      labels: { positive: 'Pipeline' },
      colors: ['#123456'],
      yFormat: 'currency',
      legend: true,
    });
    expect(screen.getByText('Pipeline')).toBeTruthy();
    expect(areas(container)[0]!.getAttribute('fill')).toBe('#123456');
    expect(yTicks(container).every((t) => t!.startsWith('$'))).toBe(true);
  });

  it('downsamples a stacked series by its total', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ t: start + i * 3_600_000, a: i % 100, b: i === 12_345 ? 5_000 : 1 }));
    const { container } = renderArea({ data: { query: 'q', rows, columns: [{ name: 't', type: 'timestamptz' }, { name: 'a', type: 'int4' }, { name: 'b', type: 'int4' }], truncated: false }, x: 't', y: ['a', 'b'], stacked: true, maxPoints: 500 });
    expect(screen.getByRole('note').textContent).toMatch(/^Showing 500 of 20,000 points/);
    // The spike in b is kept, so the stacked axis reaches past 5,000.
    expect(topOf(container.ownerDocument.body)).toBeGreaterThanOrEqual(5_000);
  });

  it('shows the empty state', () => {
    renderArea({ data: { ...bySentiment, rows: [] }, x: 'day', y: 'positive' });
    expect(screen.getByText('No rows')).toBeTruthy();
  });
});
