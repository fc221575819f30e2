/** The properties panel's controls come from the catalog's generated JSON Schema; its edits touch only the prop they write. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { THEME_COLOR_TOKENS } from '../../catalog/shared/palette';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { pageJsonSchema } from '../../lib/spec/json-schema';
import { controlsFor, type ControlContext } from '../../components/studio/properties-panel/prop-controls';
import { nodeAtPointer, propEdits, propValueFromInput } from '../../components/studio/properties-panel/prop-edits';

const definitions = (pageJsonSchema(catalog) as { definitions: Record<string, Record<string, unknown>> }).definitions;
const schemaOf = (type: string) => definitions[`props_${type}`]!;

const ctx = (over: Partial<ControlContext> = {}): ControlContext => ({
  queries: ['by_channel', 'totals'],
  columnsOf: (q) => ({ by_channel: ['channel', 'events'], totals: ['all_events', 'rate'] })[q],
  colorTokens: ['var(--ap-series-1)', 'var(--ap-series-2)'],
  nodePointer: '/spec/root/children/0',
  diagnostics: [],
  ...over,
});

const byId = (controls: ReturnType<typeof controlsFor>, id: string) => {
  const found = controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id}: ${controls.map((c) => c.id).join(', ')}`);
  return found;
};

describe('controlsFor', () => {
  it('gives a Heading a text box, a numbered level, an align select and defaults as placeholders', () => {
    const controls = controlsFor(schemaOf('Heading'), { text: 'Hello' }, ctx());
    expect(controls.map((c) => c.id)).toEqual(['text', 'level', 'subtitle', 'align']);
    expect(byId(controls, 'text')).toMatchObject({ kind: 'text', value: 'Hello', required: true });
    expect(byId(controls, 'level')).toMatchObject({ kind: 'number', value: '', placeholder: '2', integer: true, min: 1, max: 4 });
    expect(byId(controls, 'align')).toMatchObject({ kind: 'select', source: 'enum', options: ['left', 'center', 'right'], value: '', placeholder: 'left' });
  });

  it('lists exactly the bound query’s columns for a column prop, and the declared queries for $query', () => {
    const controls = controlsFor(schemaOf('BarChart'), { data: { $query: 'by_channel' }, x: 'channel', y: 'events' }, ctx());
    expect(byId(controls, 'data')).toMatchObject({ kind: 'select', source: 'query', options: ['by_channel', 'totals'], value: 'by_channel' });
    expect(byId(controls, 'x')).toMatchObject({ kind: 'select', source: 'column', options: ['channel', 'events'], value: 'channel' });
    expect(byId(controls, 'yFormat')).toMatchObject({ kind: 'select', source: 'enum', placeholder: 'auto' });
    expect(byId(controls, 'stacked')).toMatchObject({ kind: 'boolean', placeholder: 'false', value: '' });
  });

  it('keeps a column the query does not return visible, after the real columns', () => {
    const controls = controlsFor(schemaOf('BarChart'), { data: { $query: 'totals' }, x: 'channel' }, ctx());
    expect(byId(controls, 'x').options).toEqual(['all_events', 'rate', 'channel']);
  });

  it('splits a $value binding into its query and its column, and a literal into a text box that takes numbers', () => {
    const bound = controlsFor(schemaOf('Stat'), { label: 'All', value: { $value: { query: 'totals', field: 'rate' } } }, ctx());
    expect(byId(bound, 'value')).toMatchObject({ kind: 'select', source: 'query', value: 'totals' });
    expect(byId(bound, 'value.field')).toMatchObject({ kind: 'select', source: 'column', options: ['all_events', 'rate'], value: 'rate' });
    const literal = controlsFor(schemaOf('Stat'), { label: 'All', value: 42 }, ctx());
    expect(byId(literal, 'value')).toMatchObject({ kind: 'text', value: '42', acceptsNumber: true });
  });

  it('switches a $value prop between a typed value and a query’s first row, keeping what the preview shows', () => {
    const rows: Record<string, Record<string, unknown>> = { by_channel: { channel: 'web', events: 12 }, totals: { all_events: '1234', rate: 0.5 } };
    const withRows = ctx({ queries: ['totals', 'by_channel'], firstRow: (q) => rows[q] });
    // Typed: binding it picks the first query and, for a number, its first column holding one.
    const typed = controlsFor(schemaOf('Stat'), { label: 'All', value: 42 }, withRows);
    const from = byId(typed, 'value.from');
    expect(from).toMatchObject({ kind: 'select', source: 'binding', options: ['query'], value: '' });
    expect(propValueFromInput(from, 'query', { value: 42 })).toEqual({ ok: true, value: { $value: { query: 'totals', field: 'all_events' } } });
    expect(propValueFromInput(from, '', { value: 42 })).toEqual({ ok: true, value: 42 });
    // Bound: back to typed, it writes the number the binding showed (numeric text from Postgres as a number).
    const bound = controlsFor(schemaOf('Stat'), { label: 'All', value: { $value: { query: 'totals', field: 'all_events' } } }, withRows);
    expect(byId(bound, 'value.from').value).toBe('query');
    expect(propValueFromInput(byId(bound, 'value.from'), '', {})).toEqual({ ok: true, value: 1234 });
    // With no result held, the column is left for the author to choose, and going back to typed clears the prop.
    const unknown = controlsFor(schemaOf('Stat'), { value: { $value: { query: 'totals', field: 'rate' } } }, ctx({ firstRow: () => undefined, columnsOf: () => undefined }));
    expect(propValueFromInput(byId(unknown, 'value.from'), '', {})).toEqual({ ok: true, value: undefined });
    const fresh = controlsFor(schemaOf('Stat'), {}, ctx({ columnsOf: () => undefined }));
    expect(propValueFromInput(byId(fresh, 'value.from'), 'query', {})).toEqual({ ok: true, value: { $value: { query: 'by_channel' } } });
    // A page that declares no query has nothing to bind: no switch.
    expect(controlsFor(schemaOf('Stat'), { value: 1 }, ctx({ queries: [] })).some((c) => c.id === 'value.from')).toBe(false);
  });

  it('marks a control with the diagnostic the validator gave its prop', () => {
    const diagnostics = [{ code: 'bad-prop' as const, severity: 'error' as const, message: 'level must be at most 4', pointer: '/spec/root/children/0/props/level' }];
    const controls = controlsFor(schemaOf('Heading'), { text: 'x', level: 9 }, ctx({ diagnostics }));
    expect(byId(controls, 'level').diagnostic?.message).toBe('level must be at most 4');
    expect(byId(controls, 'text').diagnostic).toBeUndefined();
  });

  it('offers the theme’s colour tokens for each series colour, one slot more to add one, and writes the array', () => {
    const props = { data: { $query: 'by_channel' }, x: 'channel', y: 'events', colors: ['#ff0000'] };
    const controls = controlsFor(schemaOf('BarChart'), props, ctx());
    expect(byId(controls, 'colors.0')).toMatchObject({ kind: 'select', source: 'color', options: ['var(--ap-series-1)', 'var(--ap-series-2)', '#ff0000'], value: '#ff0000', index: 0 });
    expect(byId(controls, 'colors.1')).toMatchObject({ source: 'color', value: '', index: 1 });
    expect(controls.find((c) => c.id === 'colors.2')).toBeUndefined();
    expect(propValueFromInput(byId(controls, 'colors.1'), 'var(--ap-series-2)', props)).toEqual({ ok: true, value: ['#ff0000', 'var(--ap-series-2)'] });
    expect(propValueFromInput(byId(controls, 'colors.0'), 'var(--ap-series-1)', props)).toEqual({ ok: true, value: ['var(--ap-series-1)'] });
    expect(propValueFromInput(byId(controls, 'colors.0'), '', props)).toEqual({ ok: true, value: undefined });
    const none = controlsFor(schemaOf('PieChart'), { data: { $query: 'by_channel' }, label: 'channel', value: 'events' }, ctx());
    expect(none.filter((c) => c.prop === 'colors').map((c) => c.id)).toEqual(['colors.0']);
  });

  it('gives long text a text area: a Custom node’s html, Markdown with line breaks', () => {
    expect(byId(controlsFor(schemaOf('Custom'), { html: '<p>x</p>' }, ctx()), 'html')).toMatchObject({ kind: 'text', multiline: true });
    expect(byId(controlsFor(schemaOf('Markdown'), { body: 'a\nb' }, ctx()), 'body')).toMatchObject({ kind: 'text', multiline: true });
    expect(byId(controlsFor(schemaOf('Markdown'), { body: 'one line' }, ctx()), 'body').multiline).toBeUndefined();
  });

  it('offers only colour tokens the theme defines', () => {
    const css = readFileSync(path.join(import.meta.dirname, '..', '..', 'app', 'globals.css'), 'utf8');
    for (const token of THEME_COLOR_TOKENS) expect(css).toContain(`${/^var\((--[\w-]+)\)$/.exec(token)![1]}:`);
  });

  it('falls back to a JSON box for props richer than one value', () => {
    const controls = controlsFor(schemaOf('Table'), { data: { $query: 'by_channel' }, columns: [{ key: 'channel' }] }, ctx());
    expect(byId(controls, 'columns')).toMatchObject({ kind: 'json', value: '[{"key":"channel"}]' });
  });
});

const PAGE = `{
  "name": "P",
  "declared_queries": [{"name": "totals", "sql": "SELECT 1 AS n"}],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "children": [
        { "type": "Heading", "props": { "text": "Old", "level": 2 } },
        { "type": "Stat", "props": { "label": "N", "value": { "$value": { "query": "totals", "field": "n" } } } }
      ]
    }
  }
}`;

describe('prop edits', () => {
  const apply = (pointer: string, prop: string, value: unknown) => applyEdits(PAGE, propEdits(PAGE, pointer, prop, value));

  it('replaces one string and nothing else', () => {
    const out = apply('/spec/root/children/0', 'text', 'New');
    expect(out).toBe(PAGE.replace('"text": "Old"', '"text": "New"'));
  });

  it('removes a cleared prop and adds a new one', () => {
    expect(apply('/spec/root/children/0', 'level', undefined)).toBe(PAGE.replace('"text": "Old", "level": 2', '"text": "Old"'));
    const added = JSON.parse(apply('/spec/root/children/0', 'align', 'center')) as { spec: { root: { children: { props: unknown }[] } } };
    expect(added.spec.root.children[0]!.props).toEqual({ text: 'Old', level: 2, align: 'center' });
  });

  it('reads the node at a pointer', () => {
    expect(nodeAtPointer(PAGE, '/spec/root/children/1')).toMatchObject({ type: 'Stat', props: { label: 'N', value: { $value: { query: 'totals', field: 'n' } } } });
    expect(nodeAtPointer(PAGE, '/spec/root/children/7')).toBeUndefined();
  });

  it('reads and edits a node in the guide\'s inline shape where its props are, beside "type"', () => {
    const inline = `{
  "spec": {
    "type": "Section",
    "children": [
      { "type": "Table", "data": { "$query": "by_channel" } }
    ]
  }
}`;
    const node = nodeAtPointer(inline, '/spec/children/0')!;
    expect(node.props).toEqual({ data: { $query: 'by_channel' } });
    const switched = JSON.parse(applyEdits(inline, propEdits(inline, '/spec/children/0', 'data', { $query: 'totals' }))) as { spec: { children: Record<string, unknown>[] } };
    expect(switched.spec.children[0]).toEqual({ type: 'Table', data: { $query: 'totals' } });
    const titled = JSON.parse(applyEdits(inline, propEdits(inline, '/spec/children/0', 'title', 'Channels'))) as { spec: { children: Record<string, unknown>[] } };
    // A new prop joins the others inline: no "props" object beside them, which would split the node's props in two.
    expect(titled.spec.children[0]).toEqual({ type: 'Table', data: { $query: 'by_channel' }, title: 'Channels' });
    expect(applyEdits(inline, propEdits(inline, '/spec/children/0', 'data', undefined))).not.toContain('"data"');
  });

  it('turns input into values: numbers, cleared, bad numbers, a $value column', () => {
    const node = nodeAtPointer(PAGE, '/spec/root/children/1')!;
    const controls = controlsFor(schemaOf('Stat'), node.props, ctx({ columnsOf: () => ['n', 'm'] }));
    expect(propValueFromInput(byId(controls, 'value.field'), 'm', node.props)).toEqual({ ok: true, value: { $value: { query: 'totals', field: 'm' } } });
    expect(propValueFromInput(byId(controls, 'digits'), '3', node.props)).toEqual({ ok: true, value: 3 });
    expect(propValueFromInput(byId(controls, 'digits'), '1.5', node.props)).toMatchObject({ ok: false });
    expect(propValueFromInput(byId(controls, 'digits'), 'x', node.props)).toMatchObject({ ok: false });
    expect(propValueFromInput(byId(controls, 'label'), '', node.props)).toEqual({ ok: true, value: undefined });
    expect(propValueFromInput(byId(controls, 'invertTrend'), 'true', node.props)).toEqual({ ok: true, value: true });
  });
});
