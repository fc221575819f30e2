// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition as statDefinition } from '../stat/definition';
import { StatView } from '../stat/view';
import { definition } from './definition';
import { StatRowView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});
const stat = (label: string, value: number, format: string) => (
  <StatView props={statDefinition.props.parse({ label, value, format }) as never} layout="dashboard" />
);

describe('StatRowView', () => {
  it('shows its stats side by side in one named group', () => {
    const { container } = render(
      <StatRowView props={{ ...base, title: 'At a glance' }} layout="dashboard">
        {stat('Open deals', 6726, 'integer')}
        {stat('Win rate', 0.507, 'percent')}
        {stat('Won', 56131117, 'compact')}
      </StatRowView>,
    );
    const group = screen.getByRole('group', { name: 'At a glance' });
    expect(group.querySelectorAll('[data-ap-stat]')).toHaveLength(3);
    expect(screen.getAllByTestId('stat-value').map((el) => el.textContent)).toEqual(['6,726', '50.7%', '56.1M']);
    expect(container.querySelector('[class*="dividers"]')).toBeTruthy();
  });

  it('can drop the dividers', () => {
    const { container } = render(
      <StatRowView props={{ ...base, dividers: false }} layout="dashboard">
        {stat('A', 1, 'number')}
      </StatRowView>,
    );
    expect(container.querySelector('[class*="dividers"]')).toBeNull();
    expect(screen.getByText('A')).toBeTruthy();
  });

  it('renders nothing without children', () => {
    const { container } = render(<StatRowView props={base} layout="dashboard" />);
    expect(container.innerHTML).toBe('');
  });

  it('accepts only Stat children', () => {
    expect(definition.children).toEqual({ types: ['Stat'] });
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
