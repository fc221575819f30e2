/** The validator's checks of cluster_search and kb_search queries: `query` and `target`, as it checks SQL. */
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

beforeAll(() => loadSqlParser());

function check(query: Record<string, unknown>) {
  const text = JSON.stringify({ name: 'p', tags: [], declared_queries: [{ name: 'q', ...query }], spec: { version: 1, root: { type: 'Table', props: { data: { $query: 'q' } } } } }, null, 2);
  return validatePage(text, catalog).map((d) => ({ severity: d.severity, code: d.code, pointer: d.pointer, message: d.message, hint: d.hint, line: d.line }));
}

describe('search queries in the validator', () => {
  it('accepts a complete cluster_search and kb_search', () => {
    expect(check({ source: 'cluster_search', query: 'late deliveries', target: 'interactions' })).toEqual([]);
    expect(check({ source: 'kb_search', query: 'refund policy' })).toEqual([]);
  });

  it('wants a non-empty query of a sensible length, said where', () => {
    expect(check({ source: 'kb_search' })).toMatchObject([{ severity: 'error', code: 'bad-query', pointer: '/declared_queries/0', message: 'A kb_search query needs "query": the search text' }]);
    expect(check({ source: 'kb_search', query: '  ' })).toMatchObject([{ severity: 'error', pointer: '/declared_queries/0/query', message: '"query" is empty: say what to search for', line: 8 }]);
    expect(check({ source: 'kb_search', query: 42 })).toMatchObject([{ severity: 'error', pointer: '/declared_queries/0/query' }]);
    expect(check({ source: 'kb_search', query: 'x'.repeat(1001) })).toMatchObject([{ severity: 'error', message: '"query" is 1001 characters long; a search text has at most 1000' }]);
    expect(check({ source: 'kb_search', query: 'x'.repeat(1000) })).toEqual([]);
  });

  it('wants a target for cluster_search, and says when it is not a known corpus', () => {
    expect(check({ source: 'cluster_search', query: 'refunds' })).toMatchObject([{ severity: 'error', message: 'A cluster_search query needs "target": the corpus to search', hint: '"target": "interactions"' }]);
    expect(check({ source: 'cluster_search', query: 'refunds', target: '' })).toMatchObject([{ severity: 'error', pointer: '/declared_queries/0/target' }]);
    expect(check({ source: 'cluster_search', query: 'refunds', target: 'interaction' })).toMatchObject([{ severity: 'warning', pointer: '/declared_queries/0/target', hint: 'did you mean "interactions"?' }]);
  });

  it('warns about fields a search query ignores', () => {
    const found = check({ source: 'kb_search', query: 'refunds', target: 'interactions', sql: 'SELECT 1', params: { day: 'date' } });
    expect(found.map((d) => [d.severity, d.pointer])).toEqual([
      ['warning', '/declared_queries/0/target'],
      ['warning', '/declared_queries/0/sql'],
      ['warning', '/declared_queries/0/params'],
    ]);
  });
});
