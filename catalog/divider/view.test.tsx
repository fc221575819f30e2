// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { DividerView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});

describe('DividerView', () => {
  it('is a plain rule without a label', () => {
    const { container } = render(<DividerView props={base} layout="dashboard" />);
    const hr = container.querySelector('hr')!;
    expect(hr).toBeTruthy();
    expect(screen.getByRole('separator')).toBe(hr);
    expect(hr.style.margin).toBe('8px 0px');
  });

  it('shows its label inside a named separator', () => {
    const { container } = render(<DividerView props={{ ...base, label: 'Details', spacing: 'lg' }} layout="dashboard" />);
    expect(container.querySelector('hr')).toBeNull();
    const separator = screen.getByRole('separator', { name: 'Details' });
    expect(separator.textContent).toBe('Details');
    expect(separator.style.margin).toBe('24px 0px');
  });

  it('is a leaf', () => {
    expect(definition.children).toBeUndefined();
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
