/**
 * The studio's pure pieces behind the queries panel and the preview/JSON
 * link: pointers between the document and the renderer's nodes, SQL written
 * back as one string edit, and kept results merged into a preview answer.
 */
import { parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { declaredSqlQueries, withQuerySql } from '../../components/studio/queries-panel/declared-sql';
import { documentPointerOfNode, nodePointerFor, pointerAtOffset, rangeOfPointer } from '../../components/studio/spec-pointers';
import { KeptResults } from '../../components/studio/kept-results';
import type { RenderData } from '../../lib/host/host';

const PAGE = `{
  "name": "P",
  "declared_queries": [
    { "name": "a", "source": "sql", "sql": "SELECT 1 AS \\"one\\"" },
    { "name": "s", "source": "kb_search", "query": "refunds" },
    { "name": "b", "sql": "SELECT @c AS c", "params": { "c": { "type": "integer", "default": 2 } } }
  ],
  "spec": {
    "version": 1,
    "root": {
      "type": "Section",
      "props": { "title": "T" },
      "children": [
        { "type": "Heading", "props": { "text": "H" } },
        { "type": "Table", "props": { "data": { "$query": "a" } } }
      ]
    }
  }
}`;

describe('pointers between the document and the preview', () => {
  it('maps a cursor anywhere inside a node (its props, its type) to that node, and outside the tree to nothing', () => {
    const at = (needle: string) => nodePointerFor(PAGE, pointerAtOffset(PAGE, PAGE.indexOf(needle) + 1));
    expect(at('"Table"')).toBe('/root/children/1');
    expect(at('"$query"')).toBe('/root/children/1');
    expect(at('"H"')).toBe('/root/children/0');
    expect(at('"title"')).toBe('/root');
    expect(at('"refunds"')).toBeUndefined();
  });

  it('finds a node\'s object from its renderer pointer, for a page, a spec and the guide\'s bare node', () => {
    const pointer = documentPointerOfNode(PAGE, '/root/children/1');
    expect(pointer).toBe('/spec/root/children/1');
    const range = rangeOfPointer(PAGE, pointer)!;
    expect(PAGE.slice(range.offset, range.offset + range.length)).toBe('{ "type": "Table", "props": { "data": { "$query": "a" } } }');
    const spec = '{"version": 1, "root": {"type": "Section", "children": [{"type": "Text", "text": "x"}]}}';
    expect(documentPointerOfNode(spec, '/root/children/0')).toBe('/root/children/0');
    const bare = '{"type": "Section", "children": [{"type": "Text", "text": "x"}]}';
    expect(documentPointerOfNode(bare, '/root/children/0')).toBe('/children/0');
    expect(nodePointerFor(bare, '/children/0/text')).toBe('/root/children/0');
    expect(rangeOfPointer(PAGE, '/spec/root/children/7')).toBeUndefined();
  });
});

describe('the SQL of declared queries', () => {
  it('lists the SQL queries with their index, name and params, skipping search sources', () => {
    expect(declaredSqlQueries(PAGE)).toEqual([
      { index: 0, name: 'a', sql: 'SELECT 1 AS "one"' },
      { index: 2, name: 'b', sql: 'SELECT @c AS c', params: { c: { type: 'integer', default: 2 } } },
    ]);
    expect(declaredSqlQueries('{"declared_queries": 3')).toEqual([]);
  });

  it('writes SQL back as one escaped string, leaving every other character of the text as it was', () => {
    const sql = 'SELECT topic,\n  "x" AS y\nFROM interactions';
    const next = withQuerySql(PAGE, 2, sql);
    expect((JSON.parse(next) as { declared_queries: { sql: string }[] }).declared_queries[2]!.sql).toBe(sql);
    const start = PAGE.indexOf('"SELECT @c AS c"');
    expect(next.slice(0, start)).toBe(PAGE.slice(0, start));
    const tail = PAGE.slice(start + '"SELECT @c AS c"'.length);
    expect(next.endsWith(tail)).toBe(true);
    expect(next.length - tail.length - start).toBe(JSON.stringify(sql).length);
    expect(parseTree(next)).toBeDefined();
  });
});

describe('kept results', () => {
  const ok = (n: number) => ({ ok: true as const, result: { query: 'x', rows: [{ n }], columns: [{ name: 'n' }], truncated: false }, elapsedMs: 5, cached: false });
  const render = (partial: Partial<RenderData>): RenderData => ({ page: {} as RenderData['page'], outcomes: {}, diagnostics: [], ...partial });

  it('fills unchanged names from kept successes, under the name asked for; failures are not kept', () => {
    const kept = new KeptResults();
    kept.merge(render({ keys: { a: 'K1', b: 'K2' }, outcomes: { a: ok(1), b: { ok: false, error: { code: 'deadline_exceeded', message: 'slow' } } }, unchanged: [] }));
    expect(kept.known()).toEqual(['K1']);
    const merged = kept.merge(render({ keys: { a2: 'K1' }, outcomes: {}, unchanged: ['a2'] }))!;
    expect(merged.outcomes.a2).toMatchObject({ ok: true, cached: true, result: { query: 'a2', rows: [{ n: 1 }] } });
  });

  it('says so when a kept result is gone, and forgets the oldest and the expired', () => {
    let now = 0;
    const kept = new KeptResults(2, 1_000, () => now);
    expect(kept.merge(render({ keys: { a: 'K9' }, unchanged: ['a'] }))).toBeUndefined();
    kept.merge(render({ keys: { a: 'K1', b: 'K2', c: 'K3' }, outcomes: { a: ok(1), b: ok(2), c: ok(3) } }));
    expect(kept.known()).toEqual(['K2', 'K3']);
    now = 1_000;
    expect(kept.known()).toEqual([]);
  });
});
