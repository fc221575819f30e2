// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { BadgeView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const badge = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props =>
  ({ ...(definition.props.parse({ text: 'x', ...p }) as Props), ...resolved });

describe('BadgeView', () => {
  it('shows literal text with its tone and variant', () => {
    render(<BadgeView props={badge({ text: 'On track', tone: 'positive', variant: 'solid' })} layout="dashboard" />);
    const el = screen.getByText('On track').parentElement as HTMLElement;
    expect(el.getAttribute('data-tone')).toBe('positive');
    expect(el.getAttribute('data-variant')).toBe('solid');
    expect(el.style.getPropertyValue('--ap-badge-tone')).toBe('var(--ap-positive)');
  });

  it('formats a bound number and shows a prefix', () => {
    const { container } = render(<BadgeView props={badge({ format: 'compact', prefix: 'Unresolved' }, { text: 3968 })} layout="dashboard" />);
    expect(container.textContent).toBe('Unresolved4K');
    expect(screen.getByText('4K')).toBeTruthy();
  });

  it('formats a numeric string from Postgres numeric as a ratio, or as a number already in percent', () => {
    render(<BadgeView props={badge({ format: 'ratio' }, { text: '0.2991' })} layout="dashboard" />);
    expect(screen.getByText('29.9%')).toBeTruthy();
    cleanup();
    render(<BadgeView props={badge({ format: 'percent' }, { text: '29.91' })} layout="dashboard" />);
    expect(screen.getByText('29.9%')).toBeTruthy();
  });

  it('shows booleans as Yes/No and null as a dash', () => {
    render(<BadgeView props={badge({}, { text: true })} layout="dashboard" />);
    expect(screen.getByText('Yes')).toBeTruthy();
    cleanup();
    render(<BadgeView props={badge({}, { text: null })} layout="dashboard" />);
    expect(screen.getByText('—')).toBeTruthy();
  });

  it('takes its tone from a query, falling back to neutral for unknown values', () => {
    const bound = render(<BadgeView props={badge({ text: 'Below target' }, { tone: 'warning' })} layout="dashboard" />);
    expect(bound.container.firstElementChild!.getAttribute('data-tone')).toBe('warning');
    cleanup();
    const odd = render(<BadgeView props={badge({ text: 'x' }, { tone: 'purple' as never })} layout="dashboard" />);
    expect(odd.container.firstElementChild!.getAttribute('data-tone')).toBe('neutral');
    expect((odd.container.firstElementChild as HTMLElement).style.getPropertyValue('--ap-badge-tone')).toBe('var(--ap-muted)');
    cleanup();
    const nul = render(<BadgeView props={badge({ text: 'x' }, { tone: null })} layout="dashboard" />);
    expect(nul.container.firstElementChild!.getAttribute('data-tone')).toBe('neutral');
  });

  it('defaults to a neutral soft badge and refuses unknown tones', () => {
    const { container } = render(<BadgeView props={badge({ text: 'Seeded' })} layout="dashboard" />);
    const el = container.firstElementChild!;
    expect(el.getAttribute('data-tone')).toBe('neutral');
    expect(el.getAttribute('data-variant')).toBe('soft');
    expect(definition.props.safeParse({ text: 'x', tone: 'danger' }).success).toBe(false);
    expect(definition.bindings).toEqual({ text: 'value', tone: 'value' });
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
