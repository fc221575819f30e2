// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { RadarChartView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'channel_profile', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const profile = rows([
  { channel: 'email', resolution_rate: '0.7120', positive_share: 0.41 },
  { channel: 'chat', resolution_rate: 0.8, positive_share: 0.46 },
  { channel: 'phone', resolution_rate: 0.83, positive_share: 0.39 },
  { channel: 'sms', resolution_rate: 0.6, positive_share: 0.35 },
  { channel: 'social', resolution_rate: 0.52, positive_share: 0.3 },
  { channel: 'web', resolution_rate: 0.66, positive_share: 0.44 },
]);

function renderRadar(props: Record<string, unknown>) {
  const { data = profile, ...rest } = props as { data?: BoundRows };
  const parsed = definition.props.parse({ data: { $query: data.query }, axis: 'channel', y: 'resolution_rate', ...rest });
  return render(<RadarChartView props={{ ...parsed, data }} layout="dashboard" />);
}

function spokeLabels(container: HTMLElement) {
  return [...container.querySelectorAll('.recharts-polar-angle-axis-tick-value')].map((t) => t.textContent);
}

describe('RadarChartView', () => {
  it('draws one spoke per category and one polygon for a single y column', () => {
    const { container } = renderRadar({ title: 'Resolution by channel' });
    expect(screen.getByText('Resolution by channel')).toBeTruthy();
    expect(spokeLabels(container)).toEqual(['email', 'chat', 'phone', 'sms', 'social', 'web']);
    expect(container.querySelectorAll('.recharts-radar-polygon')).toHaveLength(1);
    // One series: no legend.
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('draws one polygon per y column with a legend naming them', () => {
    const { container } = renderRadar({ y: ['resolution_rate', 'positive_share'], colors: ['#111111', '#222222'] });
    const polygons = container.querySelectorAll('.recharts-radar-polygon path, .recharts-radar-polygon polygon');
    expect(container.querySelectorAll('.recharts-radar-polygon')).toHaveLength(2);
    expect([...polygons].map((p) => p.getAttribute('stroke'))).toEqual(['#111111', '#222222']);
    const legend = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(legend.map((l) => l.textContent)).toEqual(['resolution_rate', 'positive_share']);
  });

  it('formats the radial scale', () => {
    const { container } = renderRadar({ valueFormat: 'ratio' });
    const ticks = [...container.querySelectorAll('.recharts-polar-radius-axis-tick-value')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((t) => /%$/.test(t ?? ''))).toBe(true);
    expect(ticks[0]).toBe('0%');
    // Ratios get fractional ticks, not 0% 100% 200%.
    expect(ticks).toContain('50%');
    expect(ticks[ticks.length - 1]).toBe('100%');
  });

  it('notes gaps, repeated spokes and too few spokes', () => {
    renderRadar({
      data: rows([
        { channel: 'email', resolution_rate: 0.5 },
        { channel: 'chat', resolution_rate: null },
        { channel: 'email', resolution_rate: 0.25 },
      ]),
    });
    const note = screen.getByRole('note').textContent ?? '';
    expect(note).toContain('3 or more channel values; this has 2');
    expect(note).toContain('1 row repeating a channel value');
    expect(note).toContain('1 value missing or not numeric');
  });

  it('shows the empty state, nothing-to-draw and unknown columns', () => {
    renderRadar({ data: rows([]) });
    expect(screen.getByText('No rows to chart')).toBeTruthy();
    cleanup();
    renderRadar({ data: rows([{ channel: 'email', resolution_rate: 'n/a' }]) });
    expect(screen.getByText(/No numeric values in resolution_rate/)).toBeTruthy();
    cleanup();
    renderRadar({ y: ['resolution_rate', 'csat'] });
    expect(screen.getByRole('alert').textContent).toContain('csat');
  });
});
