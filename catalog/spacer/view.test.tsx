// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { spaceToPx } from './spacing';
import { SpacerView } from './view';

afterEach(cleanup);

describe('SpacerView', () => {
  it('is a square of the named step, hidden from assistive tech', () => {
    const { container } = render(<SpacerView props={definition.props.parse({ size: 'lg' })} layout="dashboard" />);
    const el = container.firstElementChild as HTMLElement;
    expect(el.style.height).toBe('24px');
    expect(el.style.width).toBe('24px');
    expect(el.getAttribute('aria-hidden')).toBe('true');
  });

  it('defaults to md and takes pixels', () => {
    const a = render(<SpacerView props={definition.props.parse({})} layout="dashboard" />);
    expect((a.container.firstElementChild as HTMLElement).style.height).toBe('16px');
    cleanup();
    const b = render(<SpacerView props={definition.props.parse({ size: 40 })} layout="dashboard" />);
    expect((b.container.firstElementChild as HTMLElement).style.height).toBe('40px');
  });

  it('spacing scale: steps, pixels, clamping and fallback', () => {
    expect(spaceToPx('none')).toBe(0);
    expect(spaceToPx('xs')).toBe(4);
    expect(spaceToPx('2xl')).toBe(48);
    expect(spaceToPx(12)).toBe(12);
    expect(spaceToPx(-5)).toBe(0);
    expect(spaceToPx(9999)).toBe(400);
    expect(spaceToPx(undefined, 'sm')).toBe(8);
    expect(spaceToPx('huge' as never)).toBe(16);
  });

  it('refuses unknown steps and negative pixels', () => {
    expect(definition.props.safeParse({ size: 'huge' }).success).toBe(false);
    expect(definition.props.safeParse({ size: -1 }).success).toBe(false);
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
