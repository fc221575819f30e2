// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { ComposedChartView } from './view';

afterEach(cleanup);

const WEEK = 7 * 86_400_000;
const firstMonday = Date.UTC(2026, 4, 4);

/** Weekly volume with a resolution rate, as the platform returns it (numeric as strings). */
const weekly: BoundRows = {
  query: 'weekly',
  columns: [
    { name: 'week', type: 'timestamptz' },
    { name: 'interactions', type: 'int8' },
    { name: 'resolved', type: 'int8' },
    { name: 'resolution_rate', type: 'numeric' },
  ],
  rows: Array.from({ length: 26 }, (_, i) => ({
    week: new Date(firstMonday + i * WEEK).toISOString(),
    interactions: 3800 + ((i * 131) % 600),
    resolved: 3000 + ((i * 97) % 500),
    resolution_rate: (0.72 + ((i * 7) % 10) / 100).toFixed(4),
  })),
  truncated: false,
};

function renderComposed({ data, ...props }: Record<string, unknown>) {
  const parsed = definition.props.parse({ ...props, data: { $query: 'weekly' } });
  return render(<ComposedChartView props={{ ...parsed, data: (data as BoundRows | undefined) ?? weekly }} layout="dashboard" />);
}

const bars = (c: HTMLElement) => c.querySelectorAll('.recharts-bar-rectangle path.recharts-rectangle');
const ticksOf = (c: HTMLElement, axis: string) =>
  [...c.querySelectorAll(`.recharts-${axis}-tick-labels`)].map((g) => [...g.querySelectorAll('.recharts-cartesian-axis-tick-value')].map((t) => t.textContent));

describe('ComposedChartView', () => {
  it('draws bars and a line on a right-hand percent axis', () => {
    const { container } = renderComposed({
      title: 'Volume and resolution',
      x: 'week',
      bars: ['interactions'],
      lines: ['resolution_rate'],
      rightAxis: ['resolution_rate'],
      rightFormat: 'percent',
      labels: { resolution_rate: 'Resolution rate' },
    });
    expect(screen.getByText('Volume and resolution')).toBeTruthy();
    expect(bars(container)).toHaveLength(26);
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(1);
    const [left, right] = ticksOf(container, 'yAxis');
    expect(left!.every((t) => /^[\d,.]+K?$/.test(t!))).toBe(true);
    expect(right!.every((t) => t!.endsWith('%'))).toBe(true);
    // Date categories are labelled as dates.
    expect(ticksOf(container, 'xAxis')[0]![0]).toBe('May 4, 2026');
    expect([...container.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent)).toEqual(['interactions', 'Resolution rate']);
  });

  it('stacks bars and draws areas behind', () => {
    const { container } = renderComposed({ x: 'week', bars: ['resolved', 'interactions'], areas: ['resolved'], stacked: true });
    expect(bars(container)).toHaveLength(52);
    expect(container.querySelectorAll('.recharts-area-area')).toHaveLength(1);
    // Stacked: the axis covers resolved + interactions (over 6,800 at most).
    const top = ticksOf(container, 'yAxis')[0]!.at(-1)!.replace(/,/g, '');
    expect(Number(top.replace(/K$/, '')) * (top.endsWith('K') ? 1000 : 1)).toBeGreaterThanOrEqual(6_800);
  });

  it('draws a right-axis column named nowhere else as a line and hides the empty left axis', () => {
    const { container } = renderComposed({ x: 'week', rightAxis: ['resolution_rate'], rightFormat: 'percent' });
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(1);
    expect(ticksOf(container, 'yAxis')).toHaveLength(1);
  });

  it('refuses a chart with no series at all', () => {
    expect(definition.props.safeParse({ data: { $query: 'weekly' }, x: 'week' }).success).toBe(false);
  });

  it('shows the empty state, the truncation notice and missing columns', () => {
    renderComposed({ data: { ...weekly, rows: [] }, x: 'week', bars: ['interactions'] });
    expect(screen.getByText('No rows')).toBeTruthy();
    cleanup();
    renderComposed({ data: { ...weekly, truncated: true }, x: 'week', lines: ['interactions'] });
    expect(screen.getByRole('note').textContent).toContain('row cap');
    cleanup();
    renderComposed({ x: 'week', lines: ['csat'] });
    expect(screen.getByText('Not in the result of weekly: csat')).toBeTruthy();
  });
});
