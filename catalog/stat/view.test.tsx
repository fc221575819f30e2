// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { downsample, sparklineColumn, sparklinePoints } from './sparkline';
import { StatView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const stat = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props =>
  ({ ...(definition.props.parse({ label: 'Resolution rate', value: 0, ...p }) as Props), ...resolved });

const daily: BoundRows = {
  query: 'daily',
  columns: [{ name: 'day', type: 'timestamptz' }, { name: 'interactions', type: 'int8' }, { name: 'resolution_rate', type: 'numeric' }],
  rows: [
    { day: '2026-10-01T00:00:00Z', interactions: 520, resolution_rate: '0.8012' },
    { day: '2026-10-02T00:00:00Z', interactions: 610, resolution_rate: '0.7950' },
    { day: '2026-10-03T00:00:00Z', interactions: null, resolution_rate: '0.8233' },
    { day: '2026-10-04T00:00:00Z', interactions: 480, resolution_rate: 'n/a' },
    { day: '2026-10-05T00:00:00Z', interactions: 700, resolution_rate: '0.8100' },
  ],
  truncated: false,
};

const valueText = () => screen.getByTestId('stat-value').textContent;

describe('StatView', () => {
  it('shows the label and the formatted value', () => {
    render(<StatView props={stat({ format: 'ratio' }, { value: '0.8123' })} layout="dashboard" />);
    expect(screen.getByText('Resolution rate')).toBeTruthy();
    expect(valueText()).toBe('81.2%');
    cleanup();
    // The platform docs' Pipeline Health: ROUND(100.0 * won / (won + lost)) AS win_pct with "format": "percent".
    render(<StatView props={stat({ format: 'percent' }, { value: '30' })} layout="dashboard" />);
    expect(valueText()).toBe('30%');
  });

  it.each([
    ['number', 98431, {}, '98,431'],
    ['integer', '1234.7', {}, '1,235'],
    ['currency', 170598956.3, {}, '$170,598,956'],
    ['currency', 25.5, { currency: 'EUR' }, '€25.50'],
    ['compact', 56131117, {}, '56.1M'],
    ['duration', 936, {}, '15m 36s'],
    ['decimal', 2.9, { digits: 1 }, '2.9'],
  ])('format %s of %j', (format, value, extra, expected) => {
    render(<StatView props={stat({ format, ...extra }, { value: value as Props['value'] })} layout="dashboard" />);
    expect(valueText()).toBe(expected);
  });

  it('shows a dash for a null value and the text of a non-numeric one', () => {
    render(<StatView props={stat({ format: 'number' }, { value: null })} layout="dashboard" />);
    expect(valueText()).toBe('—');
    cleanup();
    render(<StatView props={stat({ format: 'number' }, { value: 'n/a' })} layout="dashboard" />);
    expect(valueText()).toBe('n/a');
  });

  it('shows a rising trend as a green ▲ with the percent', () => {
    const { container } = render(<StatView props={stat({ trendLabel: 'vs previous 30 days' }, { trend: 0.042 })} layout="dashboard" />);
    const trend = container.querySelector('[data-direction]') as HTMLElement;
    expect(trend.getAttribute('data-direction')).toBe('up');
    expect(trend.getAttribute('data-tone')).toBe('positive');
    expect(trend.textContent).toContain('▲ 4.2%');
    expect(trend.style.getPropertyValue('--ap-stat-trend')).toBe('var(--ap-positive)');
    expect(screen.getByText('Up 4.2%')).toBeTruthy();
    expect(screen.getByText('vs previous 30 days')).toBeTruthy();
  });

  it('shows a falling trend (numeric string) as a red ▼', () => {
    const { container } = render(<StatView props={stat({}, { trend: '-0.0071' })} layout="dashboard" />);
    const trend = container.querySelector('[data-direction]')!;
    expect(trend.getAttribute('data-direction')).toBe('down');
    expect(trend.getAttribute('data-tone')).toBe('negative');
    expect(trend.textContent).toContain('▼ 0.7%');
  });

  it('inverts the colouring when a fall is good news', () => {
    const { container } = render(<StatView props={stat({ invertTrend: true, trendFormat: 'duration' }, { trend: -42 })} layout="dashboard" />);
    const trend = container.querySelector('[data-direction]')!;
    expect(trend.getAttribute('data-direction')).toBe('down');
    expect(trend.getAttribute('data-tone')).toBe('positive');
    expect(trend.textContent).toContain('▼ 42s');
    cleanup();
    const up = render(<StatView props={stat({ invertTrend: true }, { trend: 0.1 })} layout="dashboard" />);
    expect(up.container.querySelector('[data-direction]')!.getAttribute('data-tone')).toBe('negative');
  });

  it('shows a zero trend as neutral and hides a null or non-numeric one', () => {
    const flat = render(<StatView props={stat({}, { trend: 0 })} layout="dashboard" />);
    expect(flat.container.querySelector('[data-direction]')!.getAttribute('data-tone')).toBe('neutral');
    cleanup();
    const none = render(<StatView props={stat({}, { trend: null })} layout="dashboard" />);
    expect(none.container.querySelector('[data-direction]')).toBeNull();
    cleanup();
    const odd = render(<StatView props={stat({}, { trend: 'soon' as unknown as number })} layout="dashboard" />);
    expect(odd.container.querySelector('[data-direction]')).toBeNull();
  });

  it('warns on the stat when the value is outside its declared min and max, and only then', () => {
    const { container } = render(<StatView props={stat({ format: 'ratio', min: 0, max: 1 }, { value: 30 })} layout="dashboard" />);
    expect(valueText()).toBe('3,000%');
    expect(container.querySelector('[data-ap-warning]')!.textContent).toBe('⚠ 30 is above the stat\'s max 1: is it already a percentage? Then use "format": "percent"');
    cleanup();
    const fine = render(<StatView props={stat({ format: 'percent', min: 0, max: 100 }, { value: 30 })} layout="dashboard" />);
    expect(fine.container.querySelector('[data-ap-warning]')).toBeNull();
    cleanup();
    // No range declared: 0.79 under percent may be a real 0.79%, so nothing is guessed.
    const unsure = render(<StatView props={stat({ format: 'percent' }, { value: 0.79 })} layout="dashboard" />);
    expect(valueText()).toBe('0.8%');
    expect(unsure.container.querySelector('[data-ap-warning]')).toBeNull();
  });

  it('draws the sparkline as one polyline over the numeric values of the field', () => {
    const { container } = render(
      <StatView props={stat({ format: 'ratio', sparklineField: 'resolution_rate' }, { value: 0.81, sparkline: daily })} layout="dashboard" />,
    );
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-label')).toBe('Resolution rate trend over 4 points: from 80.1% to 81%, low 79.5%, high 82.3%');
    const line = container.querySelector('polyline')!;
    expect(line.getAttribute('points')!.trim().split(/\s+/)).toHaveLength(4);
  });

  it('picks the first numeric column when sparklineField is missing', () => {
    const { container } = render(<StatView props={stat({}, { sparkline: daily })} layout="dashboard" />);
    expect(container.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(4);
    expect(sparklineColumn(daily)).toBe('interactions');
  });

  it('draws no sparkline for empty rows, one point, or an unknown column', () => {
    const empty: BoundRows = { ...daily, rows: [] };
    const one: BoundRows = { ...daily, rows: daily.rows.slice(0, 1) };
    for (const [data, field] of [[empty, 'interactions'], [one, 'interactions'], [daily, 'nope']] as const) {
      const { container } = render(<StatView props={stat({ sparklineField: field }, { sparkline: data })} layout="dashboard" />);
      expect(container.querySelector('svg')).toBeNull();
      cleanup();
    }
  });

  it('shows unit and caption, and grows in the single layout', () => {
    const { container } = render(<StatView props={stat({ unit: '/ 5', caption: 'Surveyed only', format: 'decimal' }, { value: 3.92 })} layout="single" />);
    expect(screen.getByText('/ 5')).toBeTruthy();
    expect(screen.getByText('Surveyed only')).toBeTruthy();
    const root = container.firstElementChild as HTMLElement;
    expect(root.className).toMatch(/single/);
    expect(root.hasAttribute('data-ap-stat')).toBe(true);
  });
});

describe('sparkline geometry', () => {
  it('maps the lowest value to the bottom and the highest to the top', () => {
    expect(sparklinePoints([0, 10, 5])).toBe('0,26 50,2 100,14');
  });

  it('draws a flat series across the middle', () => {
    expect(sparklinePoints([3, 3])).toBe('0,14 100,14');
  });

  it('downsamples long series but keeps the extremes', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    values[4321] = 9;
    values[777] = -9;
    const out = downsample(values);
    expect(out.length).toBeLessThanOrEqual(240);
    expect(Math.max(...out)).toBe(9);
    expect(Math.min(...out)).toBe(-9);
    expect(downsample([1, 2, 3])).toEqual([1, 2, 3]);
  });
});

describe('Stat definition', () => {
  it('binds value and trend as scalars and sparkline as rows', () => {
    expect(definition.bindings).toEqual({ value: 'value', trend: 'value', sparkline: 'rows' });
    expect(definition.columnsOf).toEqual({ sparklineField: 'sparkline' });
    expect(definition.props.safeParse({ label: 'x', value: 1, format: 'percentage' }).success).toBe(false);
    expect(definition.props.safeParse({ label: 'x', value: 1, currency: 'usd' }).success).toBe(false);
    expect(definition.props.safeParse({ label: 'x', value: { $value: { query: 'q', field: 'f' } }, sparkline: { $query: 'd' } }).success).toBe(true);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
