/** The pure parts of pages as code: the component-aware diff, the probe's SQL, type classes, numeric props from the catalog. */
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { diffPages } from '../../lib/pages-as-code/page-diff';
import { contentOf, contentText, pageFileText, slugOf } from '../../lib/pages-as-code/page-file';
import { probeSqlOf } from '../../lib/pages-as-code/probe-queries';
import { classifyColumnType } from '../../lib/spec/column-types';
import { loadSqlParser } from '../../lib/spec/sql-check';

const base = {
  name: 'P',
  tags: ['a'],
  declared_queries: [{ name: 'q', sql: 'SELECT channel, COUNT(*) AS n FROM interactions GROUP BY 1' }],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      children: [
        { type: 'Heading', props: { text: 'One' } },
        { type: 'BarChart', props: { data: { $query: 'q' }, x: 'channel', y: 'n' } },
        { type: 'Text', props: { text: 'end' } },
      ],
    },
  },
};

type Editable = { name: string; tags: string[]; declared_queries: { name: string; sql: string }[]; spec: { version: number; root: { type: string; children: { type: string; props: Record<string, unknown> }[] } } };
const clone = () => JSON.parse(JSON.stringify(base)) as Editable;

describe('diffPages', () => {
  it('an inserted node is one change, and the nodes after it keep their identity', () => {
    const after = clone();
    after.spec.root.children.splice(1, 0, { type: 'Divider', props: {} });
    after.spec.root.children[2]!.props.y = 'm';
    expect(diffPages(contentOf(base), contentOf(after))).toEqual([
      { kind: 'added', pointer: '/spec/root/children/1', what: 'node Divider', after: { type: 'Divider', props: {} } },
      { kind: 'changed', pointer: '/spec/root/children/2/props/y', what: 'BarChart.y', before: 'n', after: 'm' },
    ]);
  });

  it('names query fields, page fields and replaced nodes', () => {
    const after = clone();
    after.name = 'Q';
    after.declared_queries[0]!.sql += ' ORDER BY 2';
    after.declared_queries.push({ name: 'extra', sql: 'SELECT 1 AS one FROM interactions' });
    after.spec.root.children[0] = { type: 'Markdown', props: { body: '# One' } };
    const changes = diffPages(contentOf(base), contentOf(after)).map((c) => `${c.kind} ${c.pointer} ${c.what}`);
    expect(changes).toEqual([
      'changed /name name',
      'changed /declared_queries/0/sql query "q" sql',
      'added /declared_queries/1 query "extra"',
      'removed /spec/root/children/0 node Heading',
      'added /spec/root/children/0 node Markdown',
    ]);
  });

  it('the guide\'s inline shape and the canonical one compare equal', () => {
    const inline = { ...base, spec: { type: 'Section', children: [{ type: 'Heading', text: 'One' }, { type: 'BarChart', data: { $query: 'q' }, x: 'channel', y: 'n' }, { type: 'Text', text: 'end' }] } };
    expect(contentText(contentOf(inline))).toBe(contentText(contentOf(base)));
    expect(diffPages(contentOf(inline), contentOf(base))).toEqual([]);
  });

  it('page files are canonical with id and version first', () => {
    const text = pageFileText({ id: 'page_1', version: 3, ...base });
    expect(Object.keys(JSON.parse(text))).toEqual(['id', 'name', 'tags', 'version', 'declared_queries', 'spec']);
    expect(slugOf('Pipeline — Health (Q3)!')).toBe('pipeline-health-q3');
    expect(slugOf('***')).toBe('page');
  });
});

describe('probeSqlOf', () => {
  // The @param scanner is the real PostgreSQL one (WASM): loaded before use, as the CLI does.
  beforeAll(() => loadSqlParser());
  it('wraps the SQL for zero rows, fills params, and maps a platform offset back to the author\'s SQL', () => {
    const sql = 'SELECT channel FROM interactions WHERE channel = @ch AND duration_s > @min AND x = @d;';
    const probe = probeSqlOf({ sql, params: { ch: ['email', 'chat'], min: { type: 'integer', default: 5 }, d: 'date' } });
    expect(probe.sql).toBe("SELECT * FROM (\nSELECT channel FROM interactions WHERE channel = 'email' AND duration_s > (5) AND x = CAST(NULL AS date)\n) AS amdahl_probe LIMIT 0");
    const at = (needle: string) => probe.toAuthorOffset(probe.sql.indexOf(needle));
    expect(at('channel FROM')).toBe(sql.indexOf('channel FROM'));
    expect(at('duration_s')).toBe(sql.indexOf('duration_s'));
    expect(at('x = CAST')).toBe(sql.indexOf('x = @d'));
    expect(at("'email'")).toBe(sql.indexOf('@ch'));
    expect(probe.toAuthorOffset(2)).toBeUndefined();
  });

  it('survives a trailing line comment', () => {
    expect(probeSqlOf({ sql: 'SELECT 1 AS one -- note' }).sql).toBe('SELECT * FROM (\nSELECT 1 AS one -- note\n) AS amdahl_probe LIMIT 0');
  });
});

describe('column types and numeric props', () => {
  it('classifies Postgres names and abbreviations, and says unknown rather than guess', () => {
    expect(['bigint', 'double precision', 'numeric(10,2)', 'int4', 'float8'].map(classifyColumnType)).toEqual(Array(5).fill('numeric'));
    expect(['text', 'character varying(20)', 'varchar', 'uuid'].map(classifyColumnType)).toEqual(Array(4).fill('text'));
    expect(['timestamptz', 'date', 'boolean', 'jsonb', 'text[]', 'tsvector', undefined].map(classifyColumnType)).toEqual(['temporal', 'temporal', 'boolean', 'json', 'unknown', 'unknown', 'unknown']);
  });

  it('numeric props come from the catalog\'s definitions, not from a list of types', () => {
    expect(catalog.get('BarChart')!.numericProps).toEqual(['y']);
    expect(catalog.get('Stat')!.numericProps).toEqual(['value', 'trend', 'sparklineField']);
    expect(catalog.get('GaugeChart')!.numericProps).toEqual(['value', 'min', 'max', 'target']);
    expect(catalog.get('Table')!.numericProps).toEqual([]);
  });
});
