// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { spaceToPx } from './spacing';
import { SpacerView } from './view';

afterEach(cleanup);

describe('SpacerView', () => {
  it('is a square of the named step, hidden from assistive tech', () => {
    const { container } = render(<SpacerView props={definition.props.parse({ size: 'lg' })} layout="dashboard" />);
    const el = container.firstElementChild as HTMLElement;
    expect(el.style.height).toBe('24px');
    expect(el.style.width).toBe('24px');
    expect(el.getAttribute('aria-hidden')).toBe('true');
  });

  it('defaults to md and takes pixels', () => {
    const a = render(<SpacerView props={definition.props.parse({})} layout="dashboard" />);
    expect((a.container.firstElementChild as HTMLElement).style.height).toBe('16px');
    cleanup();
    const b = render(<SpacerView props={definition.props.parse({ size: 40 })} layout="dashboard" />);
    expect((b.container.firstElementChild as HTMLElement).style.height).toBe('40px');
  });

  it('spacing scale: steps, pixels, clamping and fallback', () => {
    expect(spaceToPx('none')).toBe(0);
    expect(spaceToPx('xs')).toBe(4);
    expect(spaceToPx('2xl')).toBe(48);
    expect(spaceToPx(12)).toBe(12);
    expect(spaceToPx(-5)).toBe(0);
    expect(spaceToPx(9999)).toBe(400);
    expect(spaceToPx(undefined, 'sm')).toBe(8);
    expect(spaceToPx('huge' as never)).toBe(16);
  });

  it('refuses unknown steps and negative pixels', () => {
    expect(definition.props.safeParse({ size: 'huge' }).success).toBe(false);
    expect(definition.props.safeParse({ size: -1 }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
