// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { RowView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});

describe('RowView', () => {
  it('lays children out in order in one flex row with the gap', () => {
    const { container } = render(
      <RowView props={base} layout="dashboard">
        <span>one</span>
        <span>two</span>
        <span>three</span>
      </RowView>,
    );
    const row = container.firstElementChild as HTMLElement;
    expect([...row.children].map((c) => c.textContent)).toEqual(['one', 'two', 'three']);
    expect(row.style.gap).toBe('16px');
    expect(row.style.flexWrap).toBe('wrap');
    expect(row.style.alignItems).toBe('stretch');
    expect(row.className).toMatch(/grow/);
    expect(row.style.getPropertyValue('--ap-row-basis')).toBe('160px');
  });

  it('maps align, justify, wrap and a pixel gap', () => {
    const { container } = render(
      <RowView props={{ ...base, gap: 6, wrap: false, align: 'center', justify: 'between', grow: false }} layout="dashboard">
        <span>a</span>
      </RowView>,
    );
    const row = container.firstElementChild as HTMLElement;
    expect(row.style.gap).toBe('6px');
    expect(row.style.flexWrap).toBe('nowrap');
    expect(row.style.alignItems).toBe('center');
    expect(row.style.justifyContent).toBe('space-between');
    expect(row.className).not.toMatch(/grow/);
    expect(row.style.getPropertyValue('--ap-row-basis')).toBe('0px');
  });

  it('uses minChildWidth as the wrapping width', () => {
    const { container } = render(
      <RowView props={{ ...base, minChildWidth: 240 }} layout="document">
        <span>a</span>
      </RowView>,
    );
    const row = container.firstElementChild as HTMLElement;
    expect(row.style.getPropertyValue('--ap-row-basis')).toBe('240px');
    expect(row.getAttribute('data-layout')).toBe('document');
  });

  it('renders an empty row without crashing', () => {
    render(<RowView props={base} layout="dashboard" />);
    expect(screen.queryByText(/./)).toBeNull();
  });

  it('refuses an unknown alignment', () => {
    expect(definition.props.safeParse({ align: 'middle' }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
