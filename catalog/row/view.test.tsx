// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
