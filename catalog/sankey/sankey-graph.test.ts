import { describe, expect, it } from 'vitest';
import { buildSankey, MAX_LINKS } from './sankey-graph';

const fields = { sourceField: 'source', targetField: 'target', valueField: 'value', nodeField: 'name' };

describe('buildSankey', () => {
  it('derives nodes from the links in order of appearance and uses their indices', () => {
    const g = buildSankey(
      [
        { source: 'email', target: 'positive', value: 5 },
        { source: 'chat', target: 'positive', value: '3' },
        { source: 'email', target: 'negative', value: 2 },
      ],
      undefined,
      fields,
    );
    expect(g.nodes.map((n) => n.name)).toEqual(['email', 'positive', 'chat', 'negative']);
    expect(g.links).toEqual([
      { source: 0, target: 1, value: 5 },
      { source: 0, target: 3, value: 2 },
      { source: 2, target: 1, value: 3 },
    ]);
  });

  it('sums repeated pairs and skips bad values', () => {
    const g = buildSankey(
      [
        { source: 'a', target: 'b', value: 1 },
        { source: 'a', target: 'b', value: 2 },
        { source: 'a', target: 'c', value: null },
        { source: 'a', target: 'c', value: 0 },
        { source: 'a', target: 'c', value: -1 },
      ],
      undefined,
      fields,
    );
    expect(g.links).toEqual([{ source: 0, target: 1, value: 3 }]);
    expect(g.skipped).toBe(1);
    expect(g.nonPositive).toBe(2);
  });

  it('puts listed nodes first, with their colours, adds missing ones and leaves out unused ones', () => {
    const g = buildSankey(
      [
        { from: 'x', to: 'y', n: 1 },
        { from: 'y', to: 'z', n: 1 },
      ],
      ['unused', { name: 'z', color: '#123456' }, 'y'],
      { ...fields, sourceField: 'from', targetField: 'to', valueField: 'n' },
    );
    expect(g.nodes).toEqual([{ name: 'z', color: '#123456' }, { name: 'y' }, { name: 'x' }]);
    expect(g.links).toEqual([
      { source: 2, target: 1, value: 1 },
      { source: 1, target: 0, value: 1 },
    ]);
  });

  it('reads nodes from bound rows', () => {
    const g = buildSankey([{ source: 'a', target: 'b', value: 1 }], { query: 'nodes', rows: [{ label: 'b', hue: 'red' }], columns: [], truncated: false }, {
      ...fields,
      nodeField: 'label',
      colorField: 'hue',
    });
    expect(g.nodes).toEqual([{ name: 'b', color: 'red' }, { name: 'a' }]);
  });

  it('drops self-loops and the lightest link of each cycle', () => {
    const g = buildSankey(
      [
        { source: 'a', target: 'b', value: 10 },
        { source: 'b', target: 'c', value: 8 },
        { source: 'c', target: 'a', value: 1 },
        { source: 'b', target: 'b', value: 4 },
        { source: 'c', target: 'b', value: 2 },
      ],
      undefined,
      fields,
    );
    expect(g.selfLoops).toEqual([{ source: 'b', target: 'b' }]);
    expect(g.cycles).toEqual([
      { source: 'c', target: 'b' },
      { source: 'c', target: 'a' },
    ]);
    expect(g.links.map((l) => `${g.nodes[l.source]!.name}>${g.nodes[l.target]!.name}`)).toEqual(['a>b', 'b>c']);
  });

  it('keeps the largest flows past the cap', () => {
    const rows = Array.from({ length: MAX_LINKS + 20 }, (_, i) => ({ source: `s${i}`, target: 't', value: i + 1 }));
    const g = buildSankey(rows, undefined, fields);
    expect(g.links).toHaveLength(MAX_LINKS);
    expect(g.capped).toBe(20);
    expect(g.nodes.some((n) => n.name === 's0')).toBe(false);
  });
});
