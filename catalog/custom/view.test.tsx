// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_PATH } from '../../lib/render/custom-sandbox';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { CustomView } from './view';

afterEach(cleanup);

type Props = ResolvedPropsOf<typeof definition>;
const parse = (input: unknown, data?: Props['data']) => ({ ...definition.props.parse(input), data }) as Props;

describe('CustomView', () => {
  it('shows a neutral placeholder naming a host component', () => {
    const props = parse({ component: 'acme.RegionMap', props: { region: 'emea', zoom: 3 } });
    const { container } = render(<CustomView props={props} layout="dashboard" />);
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('no renderer registered for the custom component acme.RegionMap');
    expect(screen.getByText('2 props given.')).toBeTruthy();
    expect(container.firstElementChild!.getAttribute('data-custom-component')).toBe('acme.RegionMap');
  });

  it('never runs code or renders markup found in a host component’s props', () => {
    const spy = vi.fn();
    (globalThis as Record<string, unknown>).__customSpy = spy;
    const props = parse({
      component: 'Evil',
      props: { html: '<img src=x onerror="__customSpy()">', script: 'globalThis.__customSpy()', onClick: '__customSpy()' },
    });
    const { container } = render(<CustomView props={props} layout="dashboard" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('__customSpy');
    expect(spy).not.toHaveBeenCalled();
  });

  it('runs its own html only in a frame sandboxed to scripts, loaded from the sandbox route, never in the page', () => {
    const spy = vi.fn();
    (globalThis as Record<string, unknown>).__customSpy = spy;
    const html = '<img src=x onerror="__customSpy()"><script>__customSpy()</script>';
    const props = parse({ html, title: 'Tiles' }, { query: 'q', rows: [{ a: 1 }], columns: [{ name: 'a' }], truncated: false });
    const { container } = render(<CustomView props={props} layout="dashboard" />);
    const frame = screen.getByTitle('Tiles') as HTMLIFrameElement;
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('src')).toBe(SANDBOX_PATH);
    expect(frame.hasAttribute('srcdoc')).toBe(false);
    expect(container.innerHTML).not.toContain('__customSpy');
    expect(spy).not.toHaveBeenCalled();
  });

  it('needs pages:admin and a plain component name', () => {
    expect(definition.requiresScope).toBe('pages:admin');
    expect(definition.props.safeParse({ component: 'acme.RegionMap' }).success).toBe(true);
    expect(definition.props.parse({ component: 'X' }).props).toEqual({});
    expect(definition.props.safeParse({ component: '<script>' }).success).toBe(false);
    expect(definition.props.safeParse({ component: '' }).success).toBe(false);
    expect(definition.props.safeParse({ html: '<p>hi</p>', data: { $query: 'q' } }).success).toBe(true);
    expect(definition.props.safeParse({ html: '<p>hi</p>', src: 'https://evil' }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
