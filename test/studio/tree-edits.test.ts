/** The outline's and the palette's tree changes: each is one edit of the JSON text, the rest byte for byte. */
import { applyEdits } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { paletteOf } from '../../lib/spec/palette';
import { insertNear, nodeToInsert } from '../../components/studio/components-palette/insert-node';
import { flatten, outlineOf } from '../../components/studio/outline/page-tree';
import { deleteNode, dropOn, moveAmongSiblings, moveIntoPrevious, moveNode, moveOut, spanEdit } from '../../components/studio/outline/tree-edits';

const PAGE = JSON.stringify(
  {
    name: 'P',
    declared_queries: [{ name: 'totals', sql: 'SELECT COUNT(*) AS all_events, channel FROM interactions GROUP BY channel' }],
    spec: {
      version: 1,
      root: {
        type: 'Section',
        props: { title: 'Top' },
        children: [
          { type: 'Heading', props: { text: 'Hello' } },
          { type: 'Grid', props: { columns: 2 }, children: [{ type: 'Text', props: { text: 'a' } }, { type: 'Text', props: { text: 'b' } }] },
          { type: 'Divider' },
        ],
      },
    },
  },
  null,
  2,
);

type Tree = { spec: { root: { children: { type: string; props?: Record<string, unknown>; children?: { type: string; props?: Record<string, unknown> }[] }[] } } };
const parse = (text: string) => JSON.parse(text) as Tree;
const apply = (text: string, change: { edits: Parameters<typeof applyEdits>[1] } | undefined) => {
  if (!change) throw new Error('no change');
  return applyEdits(text, change.edits);
};
const types = (text: string) => parse(text).spec.root.children.map((c) => c.type + (c.children ? `(${c.children.map((g) => g.props?.text ?? g.type).join(',')})` : ''));

describe('outline', () => {
  it('lists the nodes by type and title with their pointers', () => {
    const rows = flatten(outlineOf(PAGE)).map((r) => `${r.depth} ${r.node.type} ${r.node.title ?? ''} ${r.node.pointer}`.trim());
    expect(rows).toEqual([
      '1 Section Top /spec/root',
      '2 Heading Hello /spec/root/children/0',
      '2 Grid  /spec/root/children/1',
      '3 Text a /spec/root/children/1/children/0',
      '3 Text b /spec/root/children/1/children/1',
      '2 Divider  /spec/root/children/2',
    ]);
  });

  it('titles nodes in the guide’s inline shape (props beside "type") too, a prop in `props` winning', () => {
    const inline = JSON.stringify({
      name: 'Inline',
      spec: {
        version: 1,
        root: {
          type: 'Section',
          title: 'Weekly sentiment',
          children: [
            { type: 'Table', title: 'By channel', data: { $query: 'by_channel' } },
            { type: 'Heading', text: 'beside', props: { text: 'inside' } },
          ],
        },
      },
    });
    const rows = flatten(outlineOf(inline)).map((r) => `${r.node.type} ${r.node.title ?? ''}`.trim());
    expect(rows).toEqual(['Section Weekly sentiment', 'Table By channel', 'Heading inside']);
  });
});

describe('tree edits', () => {
  it('moves a node among its siblings with one edit, the rest untouched', () => {
    const change = moveAmongSiblings(PAGE, '/spec/root/children/1/children/1', -1)!;
    expect(change.pointer).toBe('/spec/root/children/1/children/0');
    expect(change.edits).toHaveLength(1);
    const out = apply(PAGE, change);
    expect(types(out)).toEqual(['Heading', 'Grid(b,a)', 'Divider']);
    const edit = change.edits[0]!;
    expect(out.slice(0, edit.offset)).toBe(PAGE.slice(0, edit.offset));
    expect(out.slice(edit.offset + edit.content.length)).toBe(PAGE.slice(edit.offset + edit.length));
    // Formatted as the author's text was: the same as printing the moved tree.
    const expected = parse(PAGE);
    expected.spec.root.children[1]!.children!.reverse();
    expect(out).toBe(JSON.stringify(expected, null, 2));
    expect(moveAmongSiblings(PAGE, '/spec/root/children/0', -1)).toBeUndefined();
    expect(moveAmongSiblings(PAGE, '/spec/root/children/2', 1)).toBeUndefined();
  });

  it('moves a node forward past a sibling, into a layout node and out of one', () => {
    expect(types(apply(PAGE, moveAmongSiblings(PAGE, '/spec/root/children/0', 1)))).toEqual(['Grid(a,b)', 'Heading', 'Divider']);
    const into = moveIntoPrevious(PAGE, '/spec/root/children/2', (p) => p === '/spec/root/children/1')!;
    expect(into.pointer).toBe('/spec/root/children/1/children/2');
    expect(types(apply(PAGE, into))).toEqual(['Heading', 'Grid(a,b,Divider)']);
    expect(moveIntoPrevious(PAGE, '/spec/root/children/1', () => false)).toBeUndefined();
    const out = moveOut(PAGE, '/spec/root/children/1/children/0')!;
    expect(out.pointer).toBe('/spec/root/children/2');
    expect(types(apply(PAGE, out))).toEqual(['Heading', 'Grid(b)', 'a', 'Divider'].map((t) => (t === 'a' ? 'Text' : t)));
  });

  it('moves a node into a later sibling, whose pointer shifts once the node has left', () => {
    const change = moveNode(PAGE, '/spec/root/children/0', '/spec/root/children/1', 0)!;
    expect(change.pointer).toBe('/spec/root/children/0/children/0');
    expect(types(apply(PAGE, change))).toEqual(['Grid(Hello,a,b)', 'Divider']);
  });

  it('drops a node into a layout node, or before a leaf, counting places once it has left its own', () => {
    const layouts = (p: string) => p === '/spec/root/children/1';
    expect(types(apply(PAGE, dropOn(PAGE, '/spec/root/children/0', '/spec/root/children/1', layouts)))).toEqual(['Grid(a,b,Hello)', 'Divider']);
    expect(types(apply(PAGE, dropOn(PAGE, '/spec/root/children/2', '/spec/root/children/0', layouts)))).toEqual(['Divider', 'Heading', 'Grid(a,b)']);
    expect(types(apply(PAGE, dropOn(PAGE, '/spec/root/children/0', '/spec/root/children/2', layouts)))).toEqual(['Grid(a,b)', 'Heading', 'Divider']);
    expect(dropOn(PAGE, '/spec/root/children/0', '/spec/root/children/0', layouts)).toBeUndefined();
  });

  it('refuses to move a node into itself or to move the root', () => {
    expect(moveNode(PAGE, '/spec/root/children/1', '/spec/root/children/1/children/0', 0)).toBeUndefined();
    expect(moveNode(PAGE, '/spec/root', '/spec/root/children/1', 0)).toBeUndefined();
  });

  it('deletes a node, never the root', () => {
    expect(types(applyEdits(PAGE, deleteNode(PAGE, '/spec/root/children/1')))).toEqual(['Heading', 'Divider']);
    expect(deleteNode(PAGE, '/spec/root')).toEqual([]);
    const expected = parse(PAGE);
    expected.spec.root.children.splice(2, 1);
    expect(applyEdits(PAGE, deleteNode(PAGE, '/spec/root/children/2'))).toBe(JSON.stringify(expected, null, 2));
  });

  it('spans only what changed', () => {
    expect(spanEdit('abcXdef', 'abcYYdef')).toEqual([{ offset: 3, length: 1, content: 'YY' }]);
    expect(spanEdit('same', 'same')).toEqual([]);
  });
});

describe('palette insertion', () => {
  const entries = new Map(paletteOf(catalog).map((e) => [e.type, e]));
  const ctx = {
    queries: ['totals'],
    columnsOf: () => [
      { name: 'channel', type: 'text' },
      { name: 'all_events', type: 'int8' },
    ],
  };

  it('cuts a Stat to its shape and binds it to the first query’s numeric column', () => {
    expect(nodeToInsert(entries.get('Stat')!, entries, ctx)).toEqual({
      type: 'Stat',
      props: { label: 'Resolution rate', value: { $value: { query: 'totals', field: 'all_events' } } },
    });
  });

  it('keeps the whole example of a component with no required props, bound to the first query', () => {
    const custom = nodeToInsert(entries.get('Custom')!, entries, ctx);
    expect(custom.props).toMatchObject({ data: { $query: 'totals' }, title: 'Channels as tiles' });
    expect(typeof custom.props!.html).toBe('string');
  });

  it('binds a chart’s rows and picks a category and a measure column', () => {
    const node = nodeToInsert(entries.get('BarChart')!, entries, ctx);
    expect(node.props).toMatchObject({ data: { $query: 'totals' }, x: 'channel' });
    expect(node.props!.y === 'all_events' || JSON.stringify(node.props!.y) === '["all_events"]').toBe(true);
  });

  it('inserts into the selected layout node, after a selected leaf, else last in the root', () => {
    const stat = nodeToInsert(entries.get('Stat')!, entries, ctx);
    const into = insertNear(PAGE, stat, '/spec/root/children/1', true, '/spec/root')!;
    expect(into.pointer).toBe('/spec/root/children/1/children/2');
    expect(types(applyEdits(PAGE, into.edits))).toEqual(['Heading', 'Grid(a,b,Stat)', 'Divider']);
    const after = insertNear(PAGE, stat, '/spec/root/children/0', false, '/spec/root')!;
    expect(types(applyEdits(PAGE, after.edits))).toEqual(['Heading', 'Stat', 'Grid(a,b)', 'Divider']);
    const last = insertNear(PAGE, stat, undefined, false, '/spec/root')!;
    expect(last.pointer).toBe('/spec/root/children/3');
  });
});
