// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { definition } from './definition';
import { CustomView } from './view';

afterEach(cleanup);

describe('CustomView', () => {
  it('shows a neutral placeholder naming the component', () => {
    const props = definition.props.parse({ component: 'acme.RegionMap', props: { region: 'emea', zoom: 3 } });
    const { container } = render(<CustomView props={props} layout="dashboard" />);
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('no renderer registered for the custom component acme.RegionMap');
    expect(screen.getByText('2 props given.')).toBeTruthy();
    expect(container.firstElementChild!.getAttribute('data-custom-component')).toBe('acme.RegionMap');
  });

  it('never runs code or renders markup found in its props', () => {
    const spy = vi.fn();
    (globalThis as Record<string, unknown>).__customSpy = spy;
    const props = definition.props.parse({
      component: 'Evil',
      props: { html: '<img src=x onerror="__customSpy()">', script: 'globalThis.__customSpy()', onClick: '__customSpy()' },
    });
    const { container } = render(<CustomView props={props} layout="dashboard" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('__customSpy');
    expect(spy).not.toHaveBeenCalled();
  });

  it('needs pages:admin and a plain component name', () => {
    expect(definition.requiresScope).toBe('pages:admin');
    expect(definition.props.safeParse({ component: 'acme.RegionMap' }).success).toBe(true);
    expect(definition.props.parse({ component: 'X' }).props).toEqual({});
    expect(definition.props.safeParse({ component: '<script>' }).success).toBe(false);
    expect(definition.props.safeParse({ component: '' }).success).toBe(false);
    expect(definition.props.safeParse({}).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
