// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { CardView } from './view';

afterEach(cleanup);
const base = definition.props.parse({});

describe('CardView', () => {
  it('shows title, description and children', () => {
    render(
      <CardView props={{ ...base, title: 'Escalations', description: 'Unresolved negative' }} layout="dashboard">
        <p>child text</p>
      </CardView>,
    );
    expect(screen.getByRole('heading', { name: 'Escalations' })).toBeTruthy();
    expect(screen.getByText('Unresolved negative')).toBeTruthy();
    expect(screen.getByText('child text')).toBeTruthy();
  });

  it('has no heading without a title and neutral tone by default', () => {
    const { container } = render(
      <CardView props={base} layout="dashboard">
        <p>x</p>
      </CardView>,
    );
    expect(container.querySelector('h3')).toBeNull();
    const card = container.firstElementChild as HTMLElement;
    expect(card.getAttribute('data-tone')).toBe('neutral');
    expect(card.style.padding).toBe('14px');
  });

  it('colours the edge by tone and applies the padding step', () => {
    const { container } = render(<CardView props={{ ...base, tone: 'negative', padding: 'none' }} layout="dashboard" />);
    const card = container.firstElementChild as HTMLElement;
    expect(card.getAttribute('data-tone')).toBe('negative');
    expect(card.style.getPropertyValue('--ap-card-tone')).toBe('var(--ap-negative)');
    expect(card.style.padding).toBe('0px');
  });

  it('refuses an unknown tone', () => {
    expect(definition.props.safeParse({ tone: 'red' }).success).toBe(false);
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
