// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition as statDefinition } from '../stat/definition';
import { StatView } from '../stat/view';
import { definition } from './definition';
import { StatRowView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});
const stat = (label: string, value: number, format: string) => (
  <StatView props={statDefinition.props.parse({ label, value, format }) as never} layout="dashboard" />
);

describe('StatRowView', () => {
  it('shows its stats side by side in one named group', () => {
    const { container } = render(
      <StatRowView props={{ ...base, title: 'At a glance' }} layout="dashboard">
        {stat('Open deals', 6726, 'integer')}
        {stat('Win rate', 50.7, 'percent')}
        {stat('Won', 56131117, 'compact')}
      </StatRowView>,
    );
    const group = screen.getByRole('group', { name: 'At a glance' });
    expect(group.querySelectorAll('[data-ap-stat]')).toHaveLength(3);
    expect(screen.getAllByTestId('stat-value').map((el) => el.textContent)).toEqual(['6,726', '50.7%', '56.1M']);
    expect(container.querySelector('[class*="dividers"]')).toBeTruthy();
  });

  it('can drop the dividers', () => {
    const { container } = render(
      <StatRowView props={{ ...base, dividers: false }} layout="dashboard">
        {stat('A', 1, 'number')}
      </StatRowView>,
    );
    expect(container.querySelector('[class*="dividers"]')).toBeNull();
    expect(screen.getByText('A')).toBeTruthy();
  });

  it('renders nothing without children', () => {
    const { container } = render(<StatRowView props={base} layout="dashboard" />);
    expect(container.innerHTML).toBe('');
  });

  it('accepts only Stat children', () => {
    expect(definition.children).toEqual({ types: ['Stat'] });
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
