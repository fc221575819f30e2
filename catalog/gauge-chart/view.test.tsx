// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { TONE_COLORS } from '../shared/palette';
import { definition } from './definition';
import { GaugeChartView } from './view';

afterEach(cleanup);

const bands = [
  { value: 0.2, tone: 'negative', label: 'At risk' },
  { value: 0.35, tone: 'warning' },
  { value: 1, tone: 'positive', label: 'Healthy' },
];

/** Props as the renderer hands them over: a `$value` binding already resolved to its scalar. */
function gaugeProps(resolved: Record<string, unknown>, given: Record<string, unknown> = {}) {
  const parsed = definition.props.parse({ value: { $value: { query: 'win_rate', field: 'win_rate' } }, format: 'ratio', ...given });
  return { ...parsed, ...resolved } as Parameters<typeof GaugeChartView>[0]['props'];
}

function part(container: HTMLElement, name: string) {
  return container.querySelectorAll(`[data-part="${name}"]`);
}

describe('GaugeChartView', () => {
  it('shows a ratio as a percent in the middle, with the ends of the range', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: 0.4218 }, { title: 'Win rate' })} layout="dashboard" />);
    expect(screen.getByText('Win rate')).toBeTruthy();
    expect(part(container, 'value-text')[0]!.textContent).toBe('42.2%');
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.getByText('100%')).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Win rate: 42.2%, range 0% to 100%');
  });

  it('draws the value arc up to the value: half way ends at the top of the dial', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: '0.5' })} layout="dashboard" />);
    const d = part(container, 'value')[0]!.getAttribute('d')!;
    expect(d).toMatch(/^M 26 122 A 94 94 0 0 1 120 28$/);
  });

  it('colours the value by its band and draws the bands', () => {
    const low = render(<GaugeChartView props={gaugeProps({ value: 0.1 }, { thresholds: bands, label: 'Win rate' })} layout="dashboard" />);
    expect(part(low.container, 'band')).toHaveLength(3);
    expect(part(low.container, 'value')[0]!.getAttribute('stroke')).toBe(TONE_COLORS.negative);
    expect(screen.getByText('Win rate')).toBeTruthy();
    expect(screen.getByText('At risk')).toBeTruthy();
    cleanup();
    const high = render(<GaugeChartView props={gaugeProps({ value: 0.42 }, { thresholds: bands })} layout="dashboard" />);
    expect(part(high.container, 'value')[0]!.getAttribute('stroke')).toBe(TONE_COLORS.positive);
    cleanup();
    const edge = render(<GaugeChartView props={gaugeProps({ value: 0.2 }, { thresholds: bands })} layout="dashboard" />);
    expect(part(edge.container, 'value')[0]!.getAttribute('stroke')).toBe(TONE_COLORS.warning);
  });

  it('marks a target, which may come from a binding', () => {
    const { container } = render(
      <GaugeChartView props={gaugeProps({ value: 0.3, target: '0.4' }, { targetLabel: 'Goal' })} layout="dashboard" />,
    );
    expect(part(container, 'target')).toHaveLength(1);
    expect(screen.getByText('Goal 40%')).toBeTruthy();
  });

  it('works on other scales and formats', () => {
    render(<GaugeChartView props={gaugeProps({ value: 3.87 }, { min: 1, max: 5, format: 'decimal', label: 'Avg CSAT' })} layout="dashboard" />);
    expect(screen.getByText('3.87')).toBeTruthy();
    expect(screen.getByText('1.00')).toBeTruthy();
    expect(screen.getByText('5.00')).toBeTruthy();
  });

  it('shrinks a long value so it stays inside the dial', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: 1234567 }, { max: 2000000, format: 'currency' })} layout="dashboard" />);
    const text = part(container, 'value-text')[0] as SVGTextElement;
    expect(text.textContent).toBe('$1,234,567');
    expect(parseFloat(text.style.fontSize)).toBeLessThan(34);
  });

  it('clamps the arc but shows the real value past the ends, and says so on the node', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: 1.25 })} layout="dashboard" />);
    expect(part(container, 'value-text')[0]!.textContent).toBe('125%');
    expect(part(container, 'value')[0]!.getAttribute('d')).toMatch(/214 122$/);
    expect(part(container, 'value')[0]!.hasAttribute('data-clamped')).toBe(true);
    expect(screen.getByRole('note', { name: 'Value warnings' }).textContent).toContain("1.25 is above the dial's max 1");
  });

  it('by default reads a number already in percent on a dial from 0 to 100: 77.5 is 77.5%, no warning', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: 77.5 }, { format: undefined })} layout="dashboard" />);
    expect(part(container, 'value-text')[0]!.textContent).toBe('77.5%');
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.getByText('100%')).toBeTruthy();
    // 77.5% of the half dial: the angle is pi * (1 - 0.775) from the right end.
    const angle = Math.PI * (1 - 0.775);
    const [x, y] = [120 + 94 * Math.cos(angle), 122 - 94 * Math.sin(angle)].map((n) => Math.round(n * 100) / 100);
    expect(part(container, 'value')[0]!.getAttribute('d')).toBe(`M 26 122 A 94 94 0 0 1 ${x} ${y}`);
    expect(part(container, 'value')[0]!.hasAttribute('data-clamped')).toBe(false);
    expect(container.querySelector('[data-ap-warning]')).toBeNull();
  });

  it('77.5 on a ratio dial (0 to 1) is clamped and flagged with a hint, never drawn as if it fit', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: 77.5 }, { title: 'Win rate' })} layout="dashboard" />);
    expect(part(container, 'value-text')[0]!.textContent).toBe('7,750%');
    expect(part(container, 'value')[0]!.getAttribute('d')).toMatch(/214 122$/);
    const warning = container.querySelector('[data-ap-warning]')!;
    expect(warning.textContent).toBe('⚠ 77.5 is above the dial\'s max 1: is it already a percentage? Then use "format": "percent"');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain("77.5 is above the dial's max 1");
  });

  it('flags a value below the min and a target outside the dial', () => {
    const { container } = render(
      <GaugeChartView props={gaugeProps({ value: -5, target: 140 }, { format: 'percent', targetLabel: 'Goal' })} layout="dashboard" />,
    );
    expect(part(container, 'value')).toHaveLength(0);
    const warnings = [...container.querySelectorAll('[data-ap-warning]')].map((w) => w.textContent);
    expect(warnings).toEqual(["⚠ -5 is below the dial's min 0", "⚠ The goal 140 is above the dial's max 100"]);
  });

  it('shows a dash and no arc without a value, and explains a bad range', () => {
    const { container } = render(<GaugeChartView props={gaugeProps({ value: null })} layout="dashboard" />);
    expect(part(container, 'value-text')[0]!.textContent).toBe('—');
    expect(part(container, 'value')).toHaveLength(0);
    cleanup();
    render(<GaugeChartView props={gaugeProps({ value: 0.5 }, { min: 1, max: 1 })} layout="dashboard" />);
    expect(screen.getByRole('alert').textContent).toContain('must be greater than its min');
  });

  it('renders its SVG and number on the server', () => {
    const html = renderToString(<GaugeChartView props={gaugeProps({ value: 0.42 }, { thresholds: bands })} layout="dashboard" />);
    expect(html).toContain('<svg');
    expect(html).toContain('42%');
  });
});
