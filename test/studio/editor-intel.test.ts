/**
 * The editor's pure parts over real pages, the real catalog's schema and the
 * real validator's diagnostics: where the cursor is, rename edits, quick fixes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { locate, readFacts } from '../../components/studio/editor-intel/json-location';
import { quickFixesFor, shapeFixesAt } from '../../components/studio/editor-intel/quick-fix-edits';
import { applyTextEdits, queryNameAt, renameQueryEdits } from '../../components/studio/editor-intel/rename-edits';
import { columnsOfFromSchema } from '../../components/studio/editor-intel/schema-facts';
import { pageJsonSchema } from '../../lib/spec/json-schema';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

beforeAll(async () => {
  await loadSqlParser();
});

const columnsOf = columnsOfFromSchema(pageJsonSchema(catalog));

function page(root: unknown, queries: unknown[] = [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel' }]): string {
  return JSON.stringify({ name: 'P', tags: [], declared_queries: queries, spec: { version: 1, layout: 'dashboard', root } }, null, 2);
}

const chart = {
  type: 'Section',
  children: [
    { type: 'BarChart', props: { data: { $query: 'by_channel' }, x: 'channel', y: ['events'] } },
    { type: 'Stat', props: { label: 'Events', value: { $value: { query: 'by_channel', field: 'events' } } } },
    { type: 'Table', props: { data: { $query: 'by_channel' }, columns: [{ key: 'channel', label: 'Channel' }] } },
  ],
};

/** The offset just inside the n-th occurrence of a quoted string. */
function inside(text: string, quoted: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quoted, at + 1);
  if (at < 0) throw new Error(`${quoted} not in the text`);
  return at + 2;
}

describe('where the cursor is', () => {
  const text = page(chart);

  it('finds query names at bindings ($query and $value.query) and at the declaration', () => {
    const ref = locate(text, inside(text, '"by_channel"', 1), columnsOf);
    expect(ref).toMatchObject({ kind: 'query-ref', name: 'by_channel' });
    const valueRef = locate(text, inside(text, '"by_channel"', 2), columnsOf);
    expect(valueRef).toMatchObject({ kind: 'query-ref', name: 'by_channel', binding: { kind: 'value', field: 'events', component: { type: 'Stat', prop: 'value' } } });
    const decl = locate(text, inside(text, '"by_channel"', 0), columnsOf);
    expect(decl).toMatchObject({ kind: 'query-decl', name: 'by_channel', query: { index: 0 } });
    expect(decl.kind === 'query-decl' && decl.query.sql).toContain('COUNT(*) AS events');
  });

  it('finds column props from the catalog columnsOf, with the query bound to their source', () => {
    expect(locate(text, inside(text, '"channel"', 0), columnsOf)).toMatchObject({ kind: 'column', query: 'by_channel', component: 'BarChart', prop: 'x' });
    expect(locate(text, inside(text, '"events"', 0), columnsOf)).toMatchObject({ kind: 'column', query: 'by_channel', component: 'BarChart', prop: 'y' });
    // `$value.field` names a column of its own query.
    expect(locate(text, inside(text, '"events"', 1), columnsOf)).toMatchObject({ kind: 'column', query: 'by_channel', prop: 'value' });
    // Table's `columns[].key` names a column; its `label` does not.
    expect(locate(text, inside(text, '"channel"', 1), columnsOf)).toMatchObject({ kind: 'column', query: 'by_channel', component: 'Table', prop: 'columns' });
    expect(locate(text, inside(text, '"Channel"'), columnsOf)).toEqual({ kind: 'none' });
    expect(locate(text, inside(text, '"Events"'), columnsOf)).toEqual({ kind: 'none' });
  });

  it('works on the guide\'s inline shape and on half-typed text', () => {
    const inline = page({ type: 'BarChart', data: { $query: 'by_channel' }, x: 'channel', y: 'events' });
    expect(locate(inline, inside(inline, '"channel"'), columnsOf)).toMatchObject({ kind: 'column', query: 'by_channel', prop: 'x' });
    const typing = '{"declared_queries": [{"name": "q1", "sql": "SELECT 1"}], "spec": {"type": "Table", "props": {"data": {"$query": "q"}}';
    expect(locate(typing, typing.indexOf('"q"') + 2, columnsOf)).toMatchObject({ kind: 'query-ref', name: 'q' });
    expect(readFacts(typing).queries.map((q) => q.name)).toEqual(['q1']);
  });
});

describe('rename', () => {
  const text = page(chart, [
    { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel' },
    { name: 'other', source: 'sql', sql: 'SELECT 1 AS n' },
  ]);

  it('renames the declaration and every binding in one edit, from a binding or the declaration', () => {
    for (const nth of [0, 1, 2, 3]) {
      const result = renameQueryEdits(text, inside(text, '"by_channel"', nth), 'per_channel');
      if ('error' in result) throw new Error(result.error);
      expect(result.edits).toHaveLength(4);
      const renamed = JSON.parse(applyTextEdits(text, result.edits));
      expect(renamed.declared_queries.map((q: { name: string }) => q.name)).toEqual(['per_channel', 'other']);
      const [bar, stat, table] = renamed.spec.root.children;
      expect([bar.props.data.$query, stat.props.value.$value.query, table.props.data.$query]).toEqual(['per_channel', 'per_channel', 'per_channel']);
      expect(validatePage(applyTextEdits(text, result.edits), catalog).filter((d) => d.code === 'unbound-query')).toEqual([]);
    }
  });

  it('refuses a bad name, a taken name, and a cursor on no query name', () => {
    expect(renameQueryEdits(text, inside(text, '"by_channel"'), '1st')).toHaveProperty('error');
    expect(renameQueryEdits(text, inside(text, '"by_channel"'), 'other')).toEqual({ error: 'A query named "other" is already declared' });
    expect(renameQueryEdits(text, inside(text, '"Section"'), 'x')).toHaveProperty('error');
    expect(queryNameAt(text, inside(text, '"Section"'))).toBeUndefined();
    expect(queryNameAt(text, inside(text, '"other"'))).toMatchObject({ name: 'other' });
  });
});

describe('quick fixes from the validator\'s diagnostics', () => {
  function fixOne(text: string, code: string, title: RegExp): string {
    const diagnostic = validatePage(text, catalog).find((d) => d.code === code);
    if (!diagnostic) throw new Error(`no ${code} diagnostic`);
    const fix = quickFixesFor(text, diagnostic, columnsOf).find((f) => title.test(f.title));
    if (!fix) throw new Error(`no fix ${title} for ${code}`);
    return applyTextEdits(text, fix.edits);
  }

  it('did-you-mean mends a component type, a prop key, a query name and a column', () => {
    const broken = page({
      type: 'Section',
      children: [
        { type: 'BarChrt', props: { data: { $query: 'by_channel' }, x: 'channel', y: 'events' } },
        { type: 'BarChart', props: { data: { $query: 'by_chanel' }, x: 'channel', y: 'events' } },
        { type: 'BarChart', props: { data: { $query: 'by_channel' }, x: 'chanel', y: 'events', stackd: true } },
      ],
    });
    expect(validatePage(broken, catalog).map((d) => [d.code, d.suggestion])).toEqual(
      expect.arrayContaining([
        ['unknown-component', 'BarChart'],
        ['unbound-query', 'by_channel'],
        ['unknown-column', 'channel'],
        ['bad-prop', 'stacked'],
      ]),
    );
    let text = broken;
    for (const code of ['unknown-component', 'unbound-query', 'unknown-column', 'bad-prop']) text = fixOne(text, code, /^Change to/);
    expect(validatePage(text, catalog)).toEqual([]);
    const children = JSON.parse(text).spec.root.children;
    expect(children[0].type).toBe('BarChart');
    expect(children[2].props).toEqual({ data: { $query: 'by_channel' }, x: 'channel', y: 'events', stacked: true });
  });

  it('stubs a missing query from its binding, with the columns the component names', () => {
    const text = page(
      { type: 'Section', children: [{ type: 'BarChart', props: { data: { $query: 'by_topic' }, x: 'topic', y: ['n'] } }, { type: 'Stat', props: { label: 'All', value: { $value: { query: 'total', field: 'count' } } } }] },
      [],
    );
    let fixed = fixOne(text, 'unbound-query', /Declare the query "by_topic"/);
    fixed = fixOne(fixed, 'unbound-query', /Declare the query "total"/);
    const queries = JSON.parse(fixed).declared_queries;
    expect(queries).toEqual([
      { name: 'by_topic', source: 'sql', sql: 'SELECT channel AS topic, COUNT(*) AS n FROM interactions GROUP BY 1 ORDER BY 2 DESC' },
      { name: 'total', source: 'sql', sql: 'SELECT COUNT(*) AS count FROM interactions' },
    ]);
    expect(validatePage(fixed, catalog)).toEqual([]);
  });

  it('offers no stub on a bare spec, which cannot declare queries', () => {
    const bare = JSON.stringify({ type: 'Table', props: { data: { $query: 'nope' } } });
    const d = validatePage(bare, catalog).find((x) => x.code === 'unbound-query')!;
    expect(quickFixesFor(bare, d, columnsOf)).toEqual([]);
  });

  it('moves the guide\'s inline props under "props", for one node or the whole page', () => {
    const text = page({ type: 'Section', title: 'Top', children: [{ type: 'BarChart', data: { $query: 'by_channel' }, x: 'channel', y: 'events' }] });
    const fixes = shapeFixesAt(text, inside(text, '"BarChart"'));
    expect(fixes.map((f) => f.title)).toEqual(['Move BarChart\'s props under "props"', 'Convert the whole page to the canonical shape']);
    const one = JSON.parse(applyTextEdits(text, fixes[0]!.edits));
    expect(one.spec.root.title).toBe('Top');
    expect(one.spec.root.children[0]).toEqual({ type: 'BarChart', props: { data: { $query: 'by_channel' }, x: 'channel', y: 'events' } });
    const all = JSON.parse(applyTextEdits(text, fixes[1]!.edits));
    expect(all.spec.root).toEqual({ type: 'Section', props: { title: 'Top' }, children: [{ type: 'BarChart', props: { data: { $query: 'by_channel' }, x: 'channel', y: 'events' } }] });
    expect(validatePage(applyTextEdits(text, fixes[0]!.edits), catalog)).toEqual([]);
    // A node already canonical has nothing to move.
    expect(shapeFixesAt(page(chart), inside(page(chart), '"BarChart"'))).toEqual([]);
  });
});
