// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
