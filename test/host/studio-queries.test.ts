/**
 * The studio's query paths over the real local platform (PGlite): a preview
 * that is told which results the studio holds runs none of them again (the
 * platform's own query log says so), and the queries panel's single-statement
 * run answers rows, columns and counts, or the error with its position.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';

let host: Host;
let log: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-queries-'));
  log = path.join(dir, 'queries.log');
  // No server-side result cache: every run the host asks for reaches the platform's log.
  host = createHost({ catalog, env: { AMDAHL_LOCAL_DIR: dir, AMDAHL_LOCAL_QUERY_LOG: log, AMDAHL_QUERY_CACHE_MS: '0' } });
  await host.local!.ready();
}, 180_000);

afterAll(async () => {
  await host?.close();
});

const loggedQueries = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).length : 0);

function pageText(title: string, byTopicSql: string): string {
  return JSON.stringify(
    {
      name: 'Known results',
      tags: [],
      declared_queries: [
        { name: 'by_topic', source: 'sql', sql: byTopicSql },
        { name: 'total', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions' },
      ],
      spec: {
        version: 1,
        root: {
          type: 'Section',
          props: { title },
          children: [
            { type: 'Table', props: { data: { $query: 'by_topic' } } },
            { type: 'Stat', props: { label: 'Total', value: { $value: { query: 'total', field: 'n' } } } },
          ],
        },
      },
    },
    null,
    2,
  );
}

const BY_TOPIC = 'SELECT topic, COUNT(*) AS events FROM interactions GROUP BY topic ORDER BY topic';

describe('preview with the results the studio holds', () => {
  it('runs every bound query the first time and answers an execution key for each', async () => {
    const before = loggedQueries();
    const first = await host.preview(pageText('One', BY_TOPIC), {}, { known: [] });
    expect(loggedQueries() - before).toBe(2);
    const render = first.render!;
    expect(render.unchanged).toEqual([]);
    expect(Object.keys(render.keys!).sort()).toEqual(['by_topic', 'total']);
    expect(render.keys!.by_topic).not.toBe(render.keys!.total);
    expect(render.outcomes.by_topic?.ok).toBe(true);
  });

  it('a spec-only edit with all keys known reaches the platform zero times and still answers the new page', async () => {
    const first = await host.preview(pageText('One', BY_TOPIC), {}, { known: [] });
    const before = loggedQueries();
    const second = await host.preview(pageText('Two', BY_TOPIC), {}, { known: Object.values(first.render!.keys!) });
    expect(loggedQueries() - before).toBe(0);
    expect(second.render!.unchanged!.sort()).toEqual(['by_topic', 'total']);
    expect(second.render!.outcomes).toEqual({});
    expect(second.render!.keys).toEqual(first.render!.keys);
    expect(second.render!.page.spec.root.props.title).toBe('Two');
  });

  it('changing one query\'s SQL runs that query only', async () => {
    const first = await host.preview(pageText('One', BY_TOPIC), {}, { known: [] });
    const before = loggedQueries();
    const changed = await host.preview(pageText('One', `${BY_TOPIC} DESC`), {}, { known: Object.values(first.render!.keys!) });
    expect(loggedQueries() - before).toBe(1);
    expect(changed.render!.unchanged).toEqual(['total']);
    expect(Object.keys(changed.render!.outcomes)).toEqual(['by_topic']);
    expect(changed.render!.keys!.by_topic).not.toBe(first.render!.keys!.by_topic);
    const outcome = changed.render!.outcomes.by_topic!;
    if (!outcome.ok) throw new Error(outcome.error.message);
    const rows = outcome.result.rows as { topic: string }[];
    expect(rows[0]!.topic).toBe('shipping');
  });

  it('without `known` the preview answers as before: no keys, every outcome', async () => {
    const plain = await host.preview(pageText('One', BY_TOPIC));
    expect(plain.render!.keys).toBeUndefined();
    expect(Object.keys(plain.render!.outcomes).sort()).toEqual(['by_topic', 'total']);
  });
});

describe('running one statement (the queries panel)', () => {
  it('answers columns with their types, at most 100 rows, the full row count and the time', async () => {
    const answer = await host.runQuery({ sql: 'SELECT id, channel, amount FROM interactions ORDER BY id LIMIT 250' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'bigint'],
      ['channel', 'text'],
      ['amount', 'numeric'],
    ]);
    expect(answer.rows).toHaveLength(100);
    expect(answer.row_count).toBe(250);
    expect(answer.truncated).toBe(true);
    expect(answer.elapsed_ms).toBeGreaterThanOrEqual(0);
  });

  it('a zero-row statement still answers the table\'s columns (the SQL editor\'s completion)', async () => {
    const answer = await host.runQuery({ sql: 'SELECT * FROM interactions LIMIT 0' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.row_count).toBe(0);
    expect(answer.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['occurred_at', 'channel', 'sentiment_score', 'deal_stage']));
  });

  it('a database error carries the platform\'s message and its position in the SQL', async () => {
    const sql = 'SELECT topic,\n  COUNT(*) AS events\nFROM interactions\nGROUP BY topc';
    const answer = await host.runQuery({ sql });
    if (answer.ok) throw new Error('expected an error');
    expect(answer.status).toBe(400);
    expect(answer.error.message).toMatch(/topc/);
    expect(answer.error.position).toEqual({ offset: sql.indexOf('topc'), line: 4, column: 10 });
  });

  it('a write is refused by the same checks as a declared query, before the platform, with its position', async () => {
    const before = loggedQueries();
    const answer = await host.runQuery({ sql: 'SELECT 1;\nDELETE FROM interactions' });
    if (answer.ok) throw new Error('expected a refusal');
    expect(answer.error.code).toBe('invalid_sql');
    expect(loggedQueries()).toBe(before);
    const syntax = await host.runQuery({ sql: 'SELECT topic FRM interactions' });
    if (syntax.ok) throw new Error('expected a syntax error');
    expect(syntax.error.message).toMatch(/syntax error/);
    expect(syntax.error.position?.line).toBe(1);
    expect(syntax.error.position?.column).toBe('SELECT topic FRM interactions'.indexOf('interactions') + 1);
  });

  it('binds declared params (the default when no value is given) and refuses a value that does not fit', async () => {
    const params = { ch: { type: 'string', default: 'email' } } as never;
    const answer = await host.runQuery({ sql: 'SELECT DISTINCT channel FROM interactions WHERE channel = @ch', params });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.rows).toEqual([{ channel: 'email' }]);
    const bad = await host.runQuery({ sql: 'SELECT COUNT(*) AS n FROM interactions WHERE duration_s > @d', params: { d: 'integer' } as never, values: { d: 'ten' } });
    if (bad.ok) throw new Error('expected a refusal');
    expect(bad.error.code).toBe('invalid_param');
  });
});
