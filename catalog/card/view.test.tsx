// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { CardView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});

describe('CardView', () => {
  it('shows title, description and children', () => {
    render(
      <CardView props={{ ...base, title: 'Escalations', description: 'Unresolved negative' }} layout="dashboard">
        <p>child text</p>
      </CardView>,
    );
    expect(screen.getByRole('heading', { name: 'Escalations' })).toBeTruthy();
    expect(screen.getByText('Unresolved negative')).toBeTruthy();
    expect(screen.getByText('child text')).toBeTruthy();
  });

  it('has no heading without a title and neutral tone by default', () => {
    const { container } = render(
      <CardView props={base} layout="dashboard">
        <p>x</p>
      </CardView>,
    );
    expect(container.querySelector('h3')).toBeNull();
    const card = container.firstElementChild as HTMLElement;
    expect(card.getAttribute('data-tone')).toBe('neutral');
    expect(card.style.padding).toBe('14px');
  });

  it('colours the edge by tone and applies the padding step', () => {
    const { container } = render(<CardView props={{ ...base, tone: 'negative', padding: 'none' }} layout="dashboard" />);
    const card = container.firstElementChild as HTMLElement;
    expect(card.getAttribute('data-tone')).toBe('negative');
    expect(card.style.getPropertyValue('--ap-card-tone')).toBe('var(--ap-negative)');
    expect(card.style.padding).toBe('0px');
  });

  it('refuses an unknown tone', () => {
    expect(definition.props.safeParse({ tone: 'red' }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
