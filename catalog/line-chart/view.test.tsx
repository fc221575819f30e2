// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { LineChartView } from './view';

afterEach(cleanup);

const DAY = 86_400_000;
const start = Date.UTC(2026, 4, 5); // 180 days before 2026-11-01

/** As the platform sends daily counts: ISO timestamps, int8 counts, numeric averages as strings. */
const daily: BoundRows = {
  query: 'daily',
  columns: [
    { name: 'day', type: 'timestamptz' },
    { name: 'inbound', type: 'int8' },
    { name: 'outbound', type: 'int8' },
    { name: 'avg_csat', type: 'numeric' },
  ],
  rows: Array.from({ length: 180 }, (_, i) => ({
    day: new Date(start + i * DAY).toISOString(),
    inbound: 400 + ((i * 37) % 90) + (i % 7 < 5 ? 120 : 0),
    outbound: 150 + ((i * 11) % 40),
    avg_csat: (3.6 + ((i * 13) % 10) / 20).toFixed(2),
  })),
  truncated: false,
};

function renderLine({ data, ...props }: Record<string, unknown>) {
  const parsed = definition.props.parse({ ...props, data: { $query: 'daily' } });
  return render(<LineChartView props={{ ...parsed, data: (data as BoundRows | undefined) ?? daily }} layout="dashboard" />);
}

const lines = (c: HTMLElement) => [...c.querySelectorAll('path.recharts-line-curve')];
/** Points in a path's d attribute: one per M/L command, or per C (curves). */
const pointsIn = (path: Element) => (path.getAttribute('d') ?? '').match(/[MLC]/g)?.length ?? 0;
const xTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
const yTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);

describe('LineChartView', () => {
  it('draws one line per series over a time axis with date ticks', () => {
    const { container } = renderLine({ title: 'Daily interactions', x: 'day', y: ['inbound', 'outbound'], curve: 'linear' });
    expect(screen.getByText('Daily interactions')).toBeTruthy();
    const drawn = lines(container);
    expect(drawn).toHaveLength(2);
    expect(pointsIn(drawn[0]!)).toBe(180);
    const ticks = xTicks(container);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // Month starts or Mondays, all as dates, in order.
    for (const t of ticks) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2}, 2026$/);
    expect([...container.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent)).toEqual(['inbound', 'outbound']);
  });

  it('sorts rows by x when the query did not', () => {
    const shuffled = { ...daily, rows: [...daily.rows].reverse() };
    const { container } = renderLine({ data: shuffled, x: 'day', y: 'inbound', curve: 'linear' });
    const d = lines(container)[0]!.getAttribute('d')!;
    const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
  });

  it('downsamples 100,000 points to maxPoints with LTTB and says so', () => {
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) => ({ t: new Date(start + i * 60_000), v: i === 54_321 ? 10_000 : Math.sin(i / 500) * 100 }));
    const started = performance.now();
    const { container } = renderLine({ data: { query: 'minutes', rows, columns: [], truncated: false }, x: 't', y: 'v', curve: 'linear' });
    const elapsed = performance.now() - started;
    const path = lines(container)[0]!;
    expect(pointsIn(path)).toBeLessThanOrEqual(1000);
    expect(pointsIn(path)).toBeGreaterThan(900);
    expect(screen.getByRole('note').textContent).toMatch(/^Showing [\d,]+ of 100,000 points, downsampled with LTTB/);
    // The one spike survives: the axis reaches 10K.
    expect(yTicks(container).at(-1)).toMatch(/K$/);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('fits the axis to the data unless includeZero, and formats it', () => {
    const { container } = renderLine({ x: 'day', y: 'avg_csat', yFormat: 'decimal' });
    const ticks = yTicks(container);
    expect(ticks[0]).not.toBe('0.00');
    expect(ticks.every((t) => /^\d\.\d\d$/.test(t!))).toBe(true);
    cleanup();
    const zero = renderLine({ x: 'day', y: 'avg_csat', includeZero: true });
    expect(yTicks(zero.container)[0]).toBe('0');
  });

  it('leaves gaps at nulls and skips rows without a usable x', () => {
    const rows = [
      { day: '2026-10-01', n: 5 },
      { day: '2026-10-02', n: null },
      { day: '2026-10-03', n: 7 },
      { day: '2026-10-04', n: 8 },
      { day: null, n: 9 },
    ];
    const { container } = renderLine({ data: { query: 'q', rows, columns: [{ name: 'day', type: 'date' }, { name: 'n', type: 'int4' }], truncated: false }, x: 'day', y: 'n', curve: 'linear' });
    const d = lines(container)[0]!.getAttribute('d')!;
    // Two runs: M (one point), M L (two points).
    expect(d.match(/M/g)).toHaveLength(2);
    expect(screen.getByRole('note').textContent).toBe('1 row without a usable day left out.');
    // Few points: dots on.
    expect(container.querySelectorAll('.recharts-line-dot').length).toBe(3);
  });

  it('plots text x values as categories in query order', () => {
    const rows = [
      { channel: 'email', n: 3 },
      { channel: 'chat', n: 5 },
      { channel: 'phone', n: 2 },
    ];
    const { container } = renderLine({ data: { query: 'q', rows, columns: [], truncated: false }, x: 'channel', y: 'n' });
    expect(xTicks(container)).toEqual(['email', 'chat', 'phone']);
  });

  it('shows the empty state and names missing columns', () => {
    renderLine({ data: { ...daily, rows: [] }, x: 'day', y: 'inbound' });
    expect(screen.getByText('No rows')).toBeTruthy();
    cleanup();
    renderLine({ x: 'date', y: 'inbound' });
    expect(screen.getByText('Not in the result of daily: date')).toBeTruthy();
  });
});
