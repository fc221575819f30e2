// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { ScatterChartView, evenSample } from './view';

afterEach(cleanup);

const channels = ['email', 'chat', 'phone', 'sms', 'social', 'web'];

/** Interactions with a duration and a sentiment score, like `SELECT duration_s, sentiment_score, channel ...`. */
function calls(n: number): BoundRows {
  return {
    query: 'calls',
    columns: [
      { name: 'duration_s', type: 'int4' },
      { name: 'sentiment_score', type: 'float8' },
      { name: 'channel', type: 'text' },
      { name: 'amount', type: 'numeric' },
    ],
    rows: Array.from({ length: n }, (_, i) => ({
      duration_s: 30 + ((i * 7919) % 1800),
      sentiment_score: Math.round((((i * 104729) % 2000) / 1000 - 1) * 1000) / 1000,
      channel: channels[(i * 31) % 6]!,
      amount: i % 4 === 0 ? null : String(1000 + ((i * 13) % 50) * 100),
    })),
    truncated: false,
  };
}

function renderScatter({ data, ...props }: Record<string, unknown>) {
  const parsed = definition.props.parse({ ...props, data: { $query: 'calls' } });
  return render(<ScatterChartView props={{ ...parsed, data: (data as BoundRows | undefined) ?? calls(300) }} layout="dashboard" />);
}

const dots = (c: HTMLElement) => c.querySelectorAll('.ap-scatter-group circle');
const xTicks = (c: HTMLElement) => [...c.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);

describe('ScatterChartView', () => {
  it('draws one dot per row, coloured by group with a legend', () => {
    const { container } = renderScatter({ title: 'Length vs sentiment', x: 'duration_s', y: 'sentiment_score', group: 'channel', xFormat: 'duration' });
    expect(screen.getByText('Length vs sentiment')).toBeTruthy();
    expect(dots(container)).toHaveLength(300);
    expect(container.querySelectorAll('.ap-scatter-group')).toHaveLength(6);
    const legend = [...container.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent);
    expect(legend.sort()).toEqual([...channels].sort());
    // Durations on the x axis.
    expect(xTicks(container).some((t) => /m/.test(t!))).toBe(true);
  });

  it('places dots inside the plot and shows a formatted tooltip for the nearest one', () => {
    const data: BoundRows = {
      query: 'agents',
      columns: [
        { name: 'agent_id', type: 'text' },
        { name: 'avg_duration_s', type: 'numeric' },
        { name: 'avg_csat', type: 'numeric' },
        { name: 'interactions', type: 'int8' },
      ],
      rows: [
        { agent_id: 'a_001', avg_duration_s: '600', avg_csat: '3.10', interactions: 1200 },
        { agent_id: 'a_002', avg_duration_s: '900', avg_csat: '4.40', interactions: 300 },
        { agent_id: 'a_003', avg_duration_s: '1500', avg_csat: '2.50', interactions: 2500 },
      ],
      truncated: false,
    };
    const { container } = renderScatter({ data, x: 'avg_duration_s', y: 'avg_csat', size: 'interactions', group: 'agent_id', xFormat: 'duration', yFormat: 'decimal' });
    const overlay = container.querySelector('.ap-scatter-dots > rect')!;
    const px = Number(overlay.getAttribute('x'));
    const py = Number(overlay.getAttribute('y'));
    const pw = Number(overlay.getAttribute('width'));
    const ph = Number(overlay.getAttribute('height'));
    const circles = [...dots(container)];
    for (const c of circles) {
      expect(Number(c.getAttribute('cx'))).toBeGreaterThanOrEqual(px);
      expect(Number(c.getAttribute('cx'))).toBeLessThanOrEqual(px + pw);
      expect(Number(c.getAttribute('cy'))).toBeGreaterThanOrEqual(py);
      expect(Number(c.getAttribute('cy'))).toBeLessThanOrEqual(py + ph);
    }
    // Higher CSAT is higher up: a_002 (4.40) above a_001 (3.10).
    const cyOf = (i: number) => Number(circles[i]!.getAttribute('cy'));
    const cxOf = (i: number) => Number(circles[i]!.getAttribute('cx'));
    const order = ['a_001', 'a_002', 'a_003']; // groups by size (1 each), then by name
    const a1 = order.indexOf('a_001');
    const a2 = order.indexOf('a_002');
    expect(cyOf(a2)).toBeLessThan(cyOf(a1));
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.mouseMove(overlay, { clientX: cxOf(a2) - px + 2, clientY: cyOf(a2) - py + 1 });
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toBe('a_002avg_duration_s: 15m 0savg_csat: 4.40interactions: 300');
    fireEvent.mouseLeave(overlay);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('folds small groups into "Other"', () => {
    const { container } = renderScatter({ x: 'duration_s', y: 'sentiment_score', group: 'channel', maxGroups: 3 });
    expect(container.querySelectorAll('.ap-scatter-group')).toHaveLength(3);
    expect(screen.getByText('Other')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('4 smaller groups of channel are shown together as "Other".');
    expect(dots(container)).toHaveLength(300);
  });

  it('sizes dots by a column and leaves out rows without x or y', () => {
    const data = calls(40);
    data.rows[3]!.sentiment_score = null;
    data.rows[5]!.duration_s = 'n/a';
    const { container } = renderScatter({ data, x: 'duration_s', y: 'sentiment_score', size: 'amount' });
    expect(dots(container)).toHaveLength(38);
    const radii = [...dots(container)].map((c) => Number(c.getAttribute('r')));
    expect(new Set(radii).size).toBeGreaterThan(3);
    // Areas from 16 to 400 px²: radii from about 2.3 to 11.3.
    expect(Math.min(...radii)).toBeCloseTo(Math.sqrt(16 / Math.PI), 1);
    expect(Math.max(...radii)).toBeCloseTo(Math.sqrt(400 / Math.PI), 1);
    expect(screen.getByRole('note').textContent).toBe('2 rows without a numeric duration_s and sentiment_score left out.');
  });

  it('caps the dots, samples deterministically and says so', () => {
    const started = performance.now();
    const { container } = renderScatter({ data: calls(100_000), x: 'duration_s', y: 'sentiment_score', maxPoints: 2000 });
    const elapsed = performance.now() - started;
    expect(dots(container)).toHaveLength(2000);
    expect(screen.getByRole('note').textContent).toBe('Showing 2,000 of 100,000 points, sampled evenly through the rows.');
    expect(elapsed).toBeLessThan(8_000);
  });

  it('samples the same rows every time', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const a = evenSample(items, 1000);
    expect(a).toEqual(evenSample(items, 1000));
    expect(a).toHaveLength(1000);
    expect(a[0]).toBe(0);
    expect(a[1]).toBe(10);
  });

  it('puts dates on a time axis', () => {
    const data: BoundRows = {
      query: 'deals',
      columns: [{ name: 'closed_at', type: 'timestamptz' }, { name: 'amount', type: 'numeric' }],
      rows: Array.from({ length: 50 }, (_, i) => ({ closed_at: new Date(Date.UTC(2026, 5, 1) + i * 3 * 86_400_000), amount: String(500 + i * 90) })),
      truncated: false,
    };
    const { container } = renderScatter({ data, x: 'closed_at', y: 'amount', yFormat: 'currency' });
    for (const t of xTicks(container)) expect(t).toMatch(/2026$/);
    expect(dots(container)).toHaveLength(50);
  });

  it('shows the empty state and missing columns', () => {
    renderScatter({ data: { ...calls(0) }, x: 'duration_s', y: 'sentiment_score' });
    expect(screen.getByText('No rows')).toBeTruthy();
    cleanup();
    renderScatter({ x: 'duration_s', y: 'sentiment_score', group: 'topic' });
    expect(screen.getByText('Not in the result of calls: topic')).toBeTruthy();
  });
});
