// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { BarChartView } from './view';

afterEach(cleanup);

const byChannel: BoundRows = {
  query: 'by_channel',
  columns: [
    { name: 'channel', type: 'text' },
    { name: 'inbound', type: 'int8' },
    { name: 'outbound', type: 'int8' },
    { name: 'avg_amount', type: 'numeric' },
  ],
  rows: [
    { channel: 'sms', inbound: 1200, outbound: 300, avg_amount: '1520.50' },
    { channel: 'email', inbound: 9800, outbound: 5400, avg_amount: '2210.00' },
    { channel: 'chat', inbound: 7100, outbound: 900, avg_amount: null },
    { channel: 'phone', inbound: 4300, outbound: 2100, avg_amount: '3100.25' },
  ],
  truncated: false,
};

function renderBar({ data, ...props }: Record<string, unknown>, layout: 'dashboard' | 'single' = 'dashboard') {
  const parsed = definition.props.parse({ ...props, data: { $query: 'by_channel' } });
  return render(<BarChartView props={{ ...parsed, data: (data as BoundRows | undefined) ?? byChannel }} layout={layout} />);
}

const bars = (c: HTMLElement) => c.querySelectorAll('.recharts-bar-rectangle path.recharts-rectangle');
const xTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
const yTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);

describe('BarChartView', () => {
  it('draws one bar per category and series with a legend and the title', () => {
    const { container } = renderBar({ title: 'By channel', x: 'channel', y: ['inbound', 'outbound'], labels: { inbound: 'Inbound' } });
    expect(screen.getByText('By channel')).toBeTruthy();
    expect(bars(container)).toHaveLength(8);
    expect(xTicks(container)).toEqual(['sms', 'email', 'chat', 'phone']);
    const legend = [...container.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent);
    expect(legend).toEqual(['Inbound', 'outbound']);
  });

  it('sorts by the first series, keeps the top N and says how many were left out', () => {
    const { container } = renderBar({ x: 'channel', y: 'inbound', sort: 'desc', limit: 2 });
    expect(xTicks(container)).toEqual(['email', 'chat']);
    expect(bars(container)).toHaveLength(2);
    expect(screen.getByRole('note').textContent).toBe('Showing the largest 2 of 4 categories.');
    // One series: no legend by default.
    expect(container.querySelector('.recharts-legend-wrapper')).toBeNull();
  });

  it('sums the rest into "Other" when asked', () => {
    const { container } = renderBar({ x: 'channel', y: 'inbound', sort: 'desc', limit: 2, other: true, showValues: true });
    expect(xTicks(container)).toEqual(['email', 'chat', 'Other']);
    // 4,300 + 1,200 summed, printed at the bar's end.
    expect(screen.getByText('5,500')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('the other 2 are summed into "Other"');
  });

  it('formats the value axis (currency, compact) and reads numeric strings', () => {
    const { container } = renderBar({ x: 'channel', y: 'avg_amount', yFormat: 'currency', horizontal: true });
    // Horizontal: categories down the side, values along the bottom.
    expect(yTicks(container)).toEqual(['sms', 'email', 'chat', 'phone']);
    const ticks = xTicks(container);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.every((t) => t!.startsWith('$'))).toBe(true);
    // chat's null draws no bar.
    const drawn = [...bars(container)].filter((p) => Number(p.getAttribute('width')) > 0);
    expect(drawn).toHaveLength(3);
  });

  it('labels date categories as dates', () => {
    const weekly: BoundRows = {
      query: 'weekly',
      columns: [{ name: 'week', type: 'timestamptz' }, { name: 'n', type: 'int8' }],
      rows: [
        { week: '2026-10-19T00:00:00.000Z', n: 10 },
        { week: '2026-10-26T00:00:00.000Z', n: 12 },
      ],
      truncated: false,
    };
    const { container } = renderBar({ data: weekly, x: 'week', y: 'n' });
    expect(xTicks(container)).toEqual(['Oct 19, 2026', 'Oct 26, 2026']);
  });

  it('stacks series', () => {
    const { container } = renderBar({ x: 'channel', y: ['inbound', 'outbound'], stacked: true });
    const sms = [...bars(container)].slice(0, 1)[0]!;
    const smsOut = [...bars(container)][4]!;
    // Stacked: outbound starts where inbound ends, at the same x.
    expect(smsOut.getAttribute('x')).toBe(sms.getAttribute('x'));
    expect(Number(yTicks(container).at(-1)!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(15);
  });

  it('shows the empty state and the truncation notice', () => {
    renderBar({ data: { ...byChannel, rows: [] }, x: 'channel', y: 'inbound' });
    expect(screen.getByText('No rows')).toBeTruthy();
    cleanup();
    renderBar({ data: { ...byChannel, truncated: true }, x: 'channel', y: 'inbound' });
    expect(screen.getByRole('note').textContent).toContain('row cap');
  });

  it('names columns the result does not have', () => {
    renderBar({ x: 'channel', y: ['inbound', 'nope'] });
    expect(screen.getByText('Not in the result of by_channel: nope')).toBeTruthy();
  });

  it('keeps 5,000 categories fast by drawing only `limit`', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ customer_id: `c_${String(i).padStart(5, '0')}`, n: (i * 7919) % 1000 }));
    const started = performance.now();
    const { container } = renderBar({ data: { query: 'q', rows, columns: [], truncated: false }, x: 'customer_id', y: 'n', sort: 'desc' });
    const elapsed = performance.now() - started;
    expect(bars(container)).toHaveLength(50);
    expect(screen.getByRole('note').textContent).toBe('Showing the largest 50 of 5,000 categories.');
    expect(elapsed).toBeLessThan(3_000);
  });
});
