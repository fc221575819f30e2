// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe(`${definition.type} examples`, () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'examples');
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const nodesOf = (node: any, type: string, out: any[] = []): any[] => {
    if (node.type === type) out.push(node);
    for (const child of node.children ?? []) nodesOf(child, type, out);
    return out;
  };

  it('the definition example is valid', () => {
    expect(definition.props.safeParse(definition.example.props ?? {}).error).toBeUndefined();
  });

  it.each(pages.map((p) => [p.name, p]))('%s: valid props, bindings name declared queries, every query used', (_name, page: any) => {
    expect(page.spec.version).toBe(1);
    const names: string[] = page.declared_queries.map((q: any) => q.name);
    const nodes = nodesOf(page.spec.root, definition.type);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(definition.props.safeParse(node.props ?? {}).error).toBeUndefined();
    const referenced = new Set([...JSON.stringify(page.spec).matchAll(/"(?:\$query|query)":"([^"]+)"/g)].map((m) => m[1]));
    for (const name of referenced) expect(names).toContain(name);
    for (const name of names) expect(referenced).toContain(name);
    for (const q of page.declared_queries) {
      expect(q.source).toBe('sql');
      expect(q.sql).toMatch(/^\s*SELECT\b/i);
      expect(q.sql).not.toMatch(/business_id|;/i);
    }
  });
});
