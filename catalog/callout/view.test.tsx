// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { CalloutView } from './view';

afterEach(cleanup);
const callout = (p: Record<string, unknown>) => definition.props.parse(p);

describe('CalloutView', () => {
  it('shows the title, the tone icon and the message children', () => {
    render(
      <CalloutView props={callout({ title: 'CSAT covers surveyed interactions only', tone: 'warning' })} layout="dashboard">
        <p>Only 39.5% carry a score.</p>
      </CalloutView>,
    );
    const note = screen.getByRole('note', { name: 'Warning: CSAT covers surveyed interactions only' });
    expect(note.getAttribute('data-tone')).toBe('warning');
    expect(note.style.getPropertyValue('--ap-callout-tone')).toBe('var(--ap-warning)');
    expect(note.textContent).toContain('⚠');
    expect(screen.getByText('Only 39.5% carry a score.')).toBeTruthy();
  });

  it.each([
    ['neutral', 'ℹ'],
    ['positive', '✓'],
    ['negative', '✕'],
    ['info', 'ℹ'],
  ])('tone %s shows %s', (tone, icon) => {
    render(<CalloutView props={callout({ tone })} layout="dashboard" />);
    expect(screen.getByRole('note').textContent).toBe(icon);
  });

  it('can hide the icon and defaults to neutral', () => {
    render(
      <CalloutView props={callout({ icon: false })} layout="dashboard">
        <span>message</span>
      </CalloutView>,
    );
    const note = screen.getByRole('note', { name: 'Note' });
    expect(note.textContent).toBe('message');
    expect(note.getAttribute('data-tone')).toBe('neutral');
  });

  it('takes its message as children and refuses unknown tones', () => {
    expect(definition.children).toEqual({});
    expect(definition.props.safeParse({ tone: 'danger' }).success).toBe(false);
    expect(definition.props.safeParse({ message: 'x' }).success).toBe(false);
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
