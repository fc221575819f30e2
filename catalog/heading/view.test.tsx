// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { HeadingView } from './view';

afterEach(cleanup);

describe('HeadingView', () => {
  it.each([1, 2, 3, 4])('renders level %i as h%i', (level) => {
    render(<HeadingView props={definition.props.parse({ text: 'Pipeline', level })} layout="dashboard" />);
    expect(screen.getByRole('heading', { level, name: 'Pipeline' })).toBeTruthy();
  });

  it('defaults to level 2 and shows a subtitle', () => {
    render(<HeadingView props={definition.props.parse({ text: 'Volume', subtitle: 'Last 180 days', align: 'center' })} layout="dashboard" />);
    const h = screen.getByRole('heading', { level: 2, name: 'Volume' });
    expect(screen.getByText('Last 180 days')).toBeTruthy();
    expect((h.parentElement as HTMLElement).style.textAlign).toBe('center');
  });

  it('validates level 1..4 and a non-empty text', () => {
    expect(definition.props.safeParse({ text: 'x', level: 5 }).success).toBe(false);
    expect(definition.props.safeParse({ text: 'x', level: 0 }).success).toBe(false);
    expect(definition.props.safeParse({ text: '' }).success).toBe(false);
    expect(definition.props.safeParse({ level: 2 }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
