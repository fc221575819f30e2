/** Defects found in review, each pinned by the input that showed it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { bindParams } from '../../lib/render/bind-params';
import { planPage } from '../../lib/render/plan';
import { formatDocument, normalisePage } from '../../lib/spec/normalise';
import { checkSql, loadSqlParser } from '../../lib/spec/sql-check';
import { findParamReferences } from '../../lib/spec/sql-params';
import { validatePage } from '../../lib/spec/validate';

beforeAll(async () => {
  await loadSqlParser();
});

describe('params', () => {
  it('are found by character, not byte, in SQL with non-ASCII text', () => {
    const sql = "SELECT '日' AS a FROM interactions WHERE channel = '@ch' OR channel = @ch";
    expect(findParamReferences(sql)).toEqual([{ name: 'ch', start: sql.lastIndexOf('@ch'), end: sql.length }]);
    const bound = bindParams(sql, { ch: 'string' }, { ch: "' OR true OR channel = '" });
    expect(bound).toBe("SELECT '日' AS a FROM interactions WHERE channel = '@ch' OR channel = ''' OR true OR channel = '''");
    expect(findParamReferences("SELECT '😀😀' AS a FROM interactions WHERE channel = @ch").map((r) => r.name)).toEqual(['ch']);
  });

  it('bind a negative number without opening a comment', () => {
    expect(bindParams('SELECT 1 FROM interactions WHERE amount > 0-@n AND resolved', { n: 'number' }, { n: '-1' })).toBe(
      'SELECT 1 FROM interactions WHERE amount > 0-(-1) AND resolved',
    );
    expect(() => bindParams('SELECT @n', { n: 'integer' }, { n: '1; DROP TABLE x' })).toThrow(/integer/);
  });

  it('queries with the same SQL but different param defaults run separately', () => {
    const page = normalisePage({
      name: 'p',
      declared_queries: [
        { name: 'a', sql: 'SELECT COUNT(*) AS n FROM interactions WHERE channel = @c', params: { c: { type: 'string', default: 'email' } } },
        { name: 'b', sql: 'SELECT COUNT(*) AS n FROM interactions WHERE channel = @c', params: { c: { type: 'string', default: 'chat' } } },
      ],
      spec: { type: 'Row', children: [{ type: 'Table', data: { $query: 'a' } }, { type: 'Table', data: { $query: 'b' } }] },
    });
    expect(planPage(page, catalog).queries.map((q) => q.names)).toEqual([['a'], ['b']]);
  });
});

describe('the SQL check', () => {
  it('scopes WITH names: a CTE elsewhere does not make a real table of that name allowed', () => {
    expect(checkSql('SELECT (WITH pg_shadow AS (SELECT 1 AS x) SELECT x FROM pg_shadow) AS a, usename FROM pg_shadow')).toHaveLength(1);
    expect(checkSql('WITH pg_shadow AS (SELECT * FROM pg_shadow) SELECT * FROM pg_shadow')).toHaveLength(1);
    expect(checkSql('WITH b AS (SELECT * FROM a), a AS (SELECT * FROM interactions) SELECT * FROM b')).toHaveLength(1);
    expect(checkSql('WITH a AS (SELECT * FROM interactions), b AS (SELECT * FROM a) SELECT * FROM b')).toEqual([]);
    expect(checkSql('WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r')).toEqual([]);
  });
});

describe('the validator', () => {
  it('does not throw on a tree thousands of levels deep', () => {
    const text = `{"name":"x","spec":${'{"type":"Section","children":['.repeat(3000)}{"type":"Text","props":{"text":"x"}}${']}'.repeat(3000)}}`;
    const diagnostics = validatePage(text, catalog);
    expect(diagnostics.map((d) => d.code)).toEqual(['bad-prop']);
    expect(diagnostics[0]!.message).toContain('nested deeper than');
  });

  it('reports a __proto__ prop instead of reading props through it', () => {
    const codes = validatePage('{"name":"x","spec":{"type":"Markdown","props":{"__proto__":{"body":"[x](javascript:alert(1))"}}}}', catalog).map((d) => d.code);
    expect(codes.sort()).toEqual(['bad-prop', 'missing-prop']);
    const node = normalisePage(JSON.parse('{"spec":{"type":"Markdown","props":{"__proto__":{"body":"x"}}}}')).spec.root;
    expect(Object.getPrototypeOf(node.props)).toBe(Object.prototype);
    expect((node.props as { body?: unknown }).body).toBeUndefined();
  });

  it('points at the last of two repeated keys, the one JSON.parse keeps', () => {
    const [d] = validatePage('{"name":"x","spec":{"type":"Section","props":{"title":"ok",\n"title":5}}}', catalog);
    expect({ code: d!.code, line: d!.line, column: d!.column }).toEqual({ code: 'bad-prop', line: 2, column: 9 });
  });

  it('still counts a sql query with no sql as declared', () => {
    const codes = validatePage({ name: 'x', declared_queries: [{ name: 'q' }], spec: { type: 'Table', data: { $query: 'q' } } }, catalog).map((d) => d.code);
    expect(codes).toEqual(['bad-query']);
  });
});

describe('formatting', () => {
  it('keeps a search query a search query, and keeps descriptions', () => {
    const page = {
      name: 'x',
      declared_queries: [{ name: 'k', description: 'Complaints', query: 'refund complaints' }],
      spec: { type: 'List', props: { data: { $query: 'k' }, field: 'title' } },
    };
    expect(validatePage(page, catalog)).toEqual([]);
    const formatted = JSON.parse(formatDocument(page));
    expect(formatted.declared_queries).toEqual([{ name: 'k', source: 'kb_search', description: 'Complaints', query: 'refund complaints' }]);
    expect(validatePage(formatted, catalog)).toEqual([]);
  });
});
