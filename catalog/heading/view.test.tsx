// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { HeadingView } from './view';

afterEach(cleanup);

describe('HeadingView', () => {
  it.each([1, 2, 3, 4])('renders level %i as h%i', (level) => {
    render(<HeadingView props={definition.props.parse({ text: 'Pipeline', level })} layout="dashboard" />);
    expect(screen.getByRole('heading', { level, name: 'Pipeline' })).toBeTruthy();
  });

  it('defaults to level 2 and shows a subtitle', () => {
    render(<HeadingView props={definition.props.parse({ text: 'Volume', subtitle: 'Last 180 days', align: 'center' })} layout="dashboard" />);
    const h = screen.getByRole('heading', { level: 2, name: 'Volume' });
    expect(screen.getByText('Last 180 days')).toBeTruthy();
    expect((h.parentElement as HTMLElement).style.textAlign).toBe('center');
  });

  it('validates level 1..4 and a non-empty text', () => {
    expect(definition.props.safeParse({ text: 'x', level: 5 }).success).toBe(false);
    expect(definition.props.safeParse({ text: 'x', level: 0 }).success).toBe(false);
    expect(definition.props.safeParse({ text: '' }).success).toBe(false);
    expect(definition.props.safeParse({ level: 2 }).success).toBe(false);
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
