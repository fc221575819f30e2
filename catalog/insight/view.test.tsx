// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { InsightView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const insight = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props =>
  ({ ...(definition.props.parse({ title: 'Phone trails on CSAT', ...p }) as Props), ...resolved });

describe('InsightView', () => {
  it('shows the finding, its explanation, the key number and the source', () => {
    render(
      <InsightView
        props={insight(
          { body: 'Phone has the lowest average CSAT.', valueLabel: 'avg CSAT', format: 'decimal', tone: 'warning', source: 'interactions, last 180 days' },
          { value: '2.9512' },
        )}
        layout="dashboard"
      />,
    );
    const article = screen.getByRole('article', { name: 'Insight: Phone trails on CSAT' });
    expect(article.getAttribute('data-tone')).toBe('warning');
    expect(screen.getByRole('heading', { name: 'Phone trails on CSAT' })).toBeTruthy();
    expect(screen.getByText('Phone has the lowest average CSAT.')).toBeTruthy();
    expect(screen.getByTestId('insight-value').textContent).toBe('2.95');
    expect(screen.getByText('avg CSAT')).toBeTruthy();
    expect(screen.getByText('Source: interactions, last 180 days')).toBeTruthy();
  });

  it('formats currency and shows a dash for a null value', () => {
    render(<InsightView props={insight({ format: 'currency' }, { value: 56131117.42 })} layout="dashboard" />);
    expect(screen.getByTestId('insight-value').textContent).toBe('$56,131,117');
    cleanup();
    render(<InsightView props={insight({ format: 'percent' }, { value: null })} layout="dashboard" />);
    expect(screen.getByTestId('insight-value').textContent).toBe('—');
  });

  it('has no metric block without a value, and defaults to the info tone', () => {
    render(<InsightView props={insight({})} layout="single" />);
    expect(screen.queryByTestId('insight-value')).toBeNull();
    const article = screen.getByRole('article');
    expect(article.getAttribute('data-tone')).toBe('info');
    expect(article.className).toMatch(/single/);
  });

  it('requires a title and binds value as a scalar', () => {
    expect(definition.props.safeParse({}).success).toBe(false);
    expect(definition.bindings).toEqual({ value: 'value' });
    expect(definition.visualization).toBe(true);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
