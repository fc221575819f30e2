// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { InsightView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const insight = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props =>
  ({ ...(definition.props.parse({ title: 'Phone trails on CSAT', ...p }) as Props), ...resolved });

describe('InsightView', () => {
  it('shows the finding, its explanation, the key number and the source', () => {
    render(
      <InsightView
        props={insight(
          { body: 'Phone has the lowest average CSAT.', valueLabel: 'avg CSAT', format: 'decimal', tone: 'warning', source: 'interactions, last 180 days' },
          { value: '2.9512' },
        )}
        layout="dashboard"
      />,
    );
    const article = screen.getByRole('article', { name: 'Insight: Phone trails on CSAT' });
    expect(article.getAttribute('data-tone')).toBe('warning');
    expect(screen.getByRole('heading', { name: 'Phone trails on CSAT' })).toBeTruthy();
    expect(screen.getByText('Phone has the lowest average CSAT.')).toBeTruthy();
    expect(screen.getByTestId('insight-value').textContent).toBe('2.95');
    expect(screen.getByText('avg CSAT')).toBeTruthy();
    expect(screen.getByText('Source: interactions, last 180 days')).toBeTruthy();
  });

  it('formats currency and shows a dash for a null value', () => {
    render(<InsightView props={insight({ format: 'currency' }, { value: 56131117.42 })} layout="dashboard" />);
    expect(screen.getByTestId('insight-value').textContent).toBe('$56,131,117');
    cleanup();
    render(<InsightView props={insight({ format: 'percent' }, { value: null })} layout="dashboard" />);
    expect(screen.getByTestId('insight-value').textContent).toBe('—');
  });

  it('has no metric block without a value, and defaults to the info tone', () => {
    render(<InsightView props={insight({})} layout="single" />);
    expect(screen.queryByTestId('insight-value')).toBeNull();
    const article = screen.getByRole('article');
    expect(article.getAttribute('data-tone')).toBe('info');
    expect(article.className).toMatch(/single/);
  });

  it('requires a title and binds value as a scalar', () => {
    expect(definition.props.safeParse({}).success).toBe(false);
    expect(definition.bindings).toEqual({ value: 'value' });
    expect(definition.visualization).toBe(true);
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
