// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { GridView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});

function gridOf(container: HTMLElement): HTMLElement {
  return container.querySelector('[data-columns]') as HTMLElement;
}

describe('GridView', () => {
  it('defaults to two responsive columns and keeps children in order', () => {
    const { container } = render(
      <GridView props={base} layout="dashboard">
        <div>a</div>
        <div>b</div>
        <div>c</div>
      </GridView>,
    );
    const grid = gridOf(container);
    expect(grid.getAttribute('data-columns')).toBe('2');
    expect(grid.style.getPropertyValue('--ap-grid-cols')).toBe('2');
    expect(grid.className).toMatch(/responsive/);
    expect([...grid.children].map((c) => c.textContent)).toEqual(['a', 'b', 'c']);
  });

  it('collapses a wide grid to two columns at the middle breakpoint', () => {
    const { container } = render(<GridView props={{ ...base, columns: 4, gap: 'lg' }} layout="dashboard" />);
    const grid = gridOf(container);
    expect(grid.style.getPropertyValue('--ap-grid-cols')).toBe('4');
    expect(grid.style.getPropertyValue('--ap-grid-cols-md')).toBe('2');
    expect(grid.style.getPropertyValue('--ap-grid-gap')).toBe('24px');
  });

  it('a one-column grid stays one column everywhere', () => {
    const { container } = render(<GridView props={{ ...base, columns: 1 }} layout="dashboard" />);
    expect(gridOf(container).style.getPropertyValue('--ap-grid-cols-md')).toBe('1');
  });

  it('switches to fluid columns with minColumnWidth, and to fixed without responsive', () => {
    const fluid = render(<GridView props={{ ...base, columns: 3, minColumnWidth: 220 }} layout="dashboard" />);
    expect(gridOf(fluid.container).className).toMatch(/fluid/);
    expect(gridOf(fluid.container).style.getPropertyValue('--ap-grid-min')).toBe('220px');
    cleanup();
    const fixed = render(<GridView props={{ ...base, responsive: false }} layout="dashboard" />);
    expect(gridOf(fixed.container).className).toMatch(/fixed/);
    expect(gridOf(fixed.container).className).not.toMatch(/responsive/);
  });

  it('clamps an out-of-range column count that slipped past validation', () => {
    const { container } = render(<GridView props={{ ...base, columns: 40 }} layout="dashboard" />);
    expect(gridOf(container).getAttribute('data-columns')).toBe('12');
  });

  it('validates columns between 1 and 12', () => {
    expect(definition.props.safeParse({ columns: 0 }).success).toBe(false);
    expect(definition.props.safeParse({ columns: 13 }).success).toBe(false);
    expect(definition.props.safeParse({ columns: 2.5 }).success).toBe(false);
    expect(definition.props.safeParse({ columns: 12 }).success).toBe(true);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
