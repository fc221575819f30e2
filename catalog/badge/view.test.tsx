// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { BadgeView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const badge = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props =>
  ({ ...(definition.props.parse({ text: 'x', ...p }) as Props), ...resolved });

describe('BadgeView', () => {
  it('shows literal text with its tone and variant', () => {
    render(<BadgeView props={badge({ text: 'On track', tone: 'positive', variant: 'solid' })} layout="dashboard" />);
    const el = screen.getByText('On track').parentElement as HTMLElement;
    expect(el.getAttribute('data-tone')).toBe('positive');
    expect(el.getAttribute('data-variant')).toBe('solid');
    expect(el.style.getPropertyValue('--ap-badge-tone')).toBe('var(--ap-positive)');
  });

  it('formats a bound number and shows a prefix', () => {
    const { container } = render(<BadgeView props={badge({ format: 'compact', prefix: 'Unresolved' }, { text: 3968 })} layout="dashboard" />);
    expect(container.textContent).toBe('Unresolved4K');
    expect(screen.getByText('4K')).toBeTruthy();
  });

  it('formats a numeric string from Postgres numeric as a percent', () => {
    render(<BadgeView props={badge({ format: 'percent' }, { text: '0.2991' })} layout="dashboard" />);
    expect(screen.getByText('29.9%')).toBeTruthy();
  });

  it('shows booleans as Yes/No and null as a dash', () => {
    render(<BadgeView props={badge({}, { text: true })} layout="dashboard" />);
    expect(screen.getByText('Yes')).toBeTruthy();
    cleanup();
    render(<BadgeView props={badge({}, { text: null })} layout="dashboard" />);
    expect(screen.getByText('—')).toBeTruthy();
  });

  it('takes its tone from a query, falling back to neutral for unknown values', () => {
    const bound = render(<BadgeView props={badge({ text: 'Below target' }, { tone: 'warning' })} layout="dashboard" />);
    expect(bound.container.firstElementChild!.getAttribute('data-tone')).toBe('warning');
    cleanup();
    const odd = render(<BadgeView props={badge({ text: 'x' }, { tone: 'purple' as never })} layout="dashboard" />);
    expect(odd.container.firstElementChild!.getAttribute('data-tone')).toBe('neutral');
    expect((odd.container.firstElementChild as HTMLElement).style.getPropertyValue('--ap-badge-tone')).toBe('var(--ap-muted)');
    cleanup();
    const nul = render(<BadgeView props={badge({ text: 'x' }, { tone: null })} layout="dashboard" />);
    expect(nul.container.firstElementChild!.getAttribute('data-tone')).toBe('neutral');
  });

  it('defaults to a neutral soft badge and refuses unknown tones', () => {
    const { container } = render(<BadgeView props={badge({ text: 'Seeded' })} layout="dashboard" />);
    const el = container.firstElementChild!;
    expect(el.getAttribute('data-tone')).toBe('neutral');
    expect(el.getAttribute('data-variant')).toBe('soft');
    expect(definition.props.safeParse({ text: 'x', tone: 'danger' }).success).toBe(false);
    expect(definition.bindings).toEqual({ text: 'value', tone: 'value' });
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
