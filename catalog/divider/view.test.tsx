// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
