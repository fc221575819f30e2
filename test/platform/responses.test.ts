/**
 * Reading 2xx bodies: the data envelope, minimal shapes, zod failures named
 * by field path, and cursor pagination whichever key holds the array.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlatformClient, decodeListPage, formatIssues } from '../../lib/platform/index';
import { json, noContent, startFaultServer, type Behaviour, type FaultServer } from './fault-server';
import { SAMPLE_PAGE, expectNoUnhandledRejections, platformErrorFrom } from './helpers';

expectNoUnhandledRejections();

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
const client = () => createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'amdhl_ab12', retry: { maxAttempts: 1 } });

describe('query', () => {
  it('works when only rows are present', async () => {
    server.route('POST', '/data/query', json(200, { rows: [{ channel: 'email', events: 10 }] }));
    const result = await client().query('SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel');
    expect(result.rows).toEqual([{ channel: 'email', events: 10 }]);
    expect(result.columns).toBeUndefined();
    expect(result.row_count).toBeUndefined();
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({
      sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel',
    });
  });

  it('reads the full answer, extra fields kept, null optionals read as absent', async () => {
    server.route(
      'POST',
      '/data/query',
      json(200, {
        rows: [{ n: 1 }],
        columns: [{ name: 'n', type: 'bigint' }],
        row_count: 1,
        truncated: false,
        elapsed_ms: 3.2,
        cache: 'miss',
        next: null,
      }),
    );
    const result = await client().query('SELECT 1 AS n');
    expect(result).toMatchObject({ rows: [{ n: 1 }], columns: [{ name: 'n', type: 'bigint' }], row_count: 1, truncated: false, elapsed_ms: 3.2, cache: 'miss' });
  });

  it('accepts bare column names', async () => {
    server.route('POST', '/data/query', json(200, { rows: [], columns: ['a', 'b'], truncated: null }));
    const result = await client().query('SELECT 1');
    expect(result.columns).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(result.truncated).toBeUndefined();
  });

  it('unwraps a lone data envelope', async () => {
    server.route('POST', '/data/query', json(200, { data: { rows: [{ n: 1 }], row_count: 1 } }));
    expect((await client().query('SELECT 1')).row_count).toBe(1);
  });

  it('names the failing field when rows are missing or wrong', async () => {
    server.route('POST', '/data/query', json(200, { result: [] }));
    let error = await platformErrorFrom(() => client().query('SELECT 1'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).toContain('rows: expected array, received undefined');

    server.route('POST', '/data/query', json(200, { rows: [{ n: 1 }, 7] }));
    error = await platformErrorFrom(() => client().query('SELECT 1'));
    expect(error.message).toContain('rows[1]: expected record, received number');
  });

  it('refuses empty SQL without sending', async () => {
    const before = server.requests.length;
    const error = await platformErrorFrom(() => client().query('  '));
    expect(error).toMatchObject({ status: 0, code: 'invalid_argument' });
    expect(server.requests.length).toBe(before);
  });
});

describe('pages', () => {
  it('reads a page, extra fields passed through', async () => {
    server.route('GET', '/pages/pg_1', json(200, { ...SAMPLE_PAGE, owner: 'u_1' }));
    const page = await client().getPage('pg_1');
    expect(page).toMatchObject({ ...SAMPLE_PAGE, owner: 'u_1' });
  });

  it("reads the guide's minimal page (no status, version, tags or timestamps; inline-props spec; no source)", async () => {
    const minimal = {
      id: 'p2',
      name: 'Weekly sentiment',
      declared_queries: [{ name: 'by_channel', sql: 'SELECT 1' }],
      spec: { type: 'Section', children: [{ type: 'Table', data: { $query: 'by_channel' } }] },
    };
    server.route('GET', '/pages/p2', json(200, { data: minimal }));
    const page = await client().getPage('p2');
    expect(page).toMatchObject(minimal);
    expect(page.tags).toEqual([]);
    expect(page.version).toBeUndefined();
    expect(page.status).toBeUndefined();
  });

  it('names the path of a bad field: id: expected string', async () => {
    server.route('GET', '/pages/p3', json(200, { ...SAMPLE_PAGE, id: 3 }));
    const error = await platformErrorFrom(() => client().getPage('p3'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).toContain('id: expected string, received number');
    expect(error.message).toContain('GET /pages/p3');
  });

  it('a page without a spec is invalid', async () => {
    const { spec: _spec, ...rest } = SAMPLE_PAGE;
    server.route('GET', '/pages/p4', json(200, rest));
    const error = await platformErrorFrom(() => client().getPage('p4'));
    expect(error.message).toContain('spec: expected a spec');
  });

  it('names nested paths: declared_queries[0].name', async () => {
    server.route('GET', '/pages/p5', json(200, { ...SAMPLE_PAGE, declared_queries: [{ name: null }] }));
    const error = await platformErrorFrom(() => client().getPage('p5'));
    expect(error.message).toContain('declared_queries[0].name: expected string, received null');
  });

  it('archivePage accepts 204, an archived page, or {}', async () => {
    server.route('DELETE', '/pages/a', noContent());
    await expect(client().archivePage('a')).resolves.toBeNull();
    server.route('DELETE', '/pages/a', json(200, { ...SAMPLE_PAGE, status: 'archived' }));
    await expect(client().archivePage('a')).resolves.toMatchObject({ status: 'archived' });
    server.route('DELETE', '/pages/a', json(200, { archived: true }));
    await expect(client().archivePage('a')).resolves.toBeNull();
  });

  it('ids are encoded into the path', async () => {
    server.route('GET', '/pages/a%2Fb', json(200, SAMPLE_PAGE));
    await client().getPage('a/b');
    expect(server.requests.at(-1)!.path).toBe('/pages/a%2Fb');
  });
});

/** Three pages of a list, the array under `key`; checks the cursor chain. */
function threePages(key: string, item: (i: number) => unknown): Behaviour {
  return (_req, res, ctx) => {
    const cursor = ctx.query.get('cursor');
    const index = cursor === null ? 0 : cursor === 'c1' ? 1 : cursor === 'c2' ? 2 : -1;
    if (index < 0) {
      json(400, { error: { code: 'invalid_argument', message: `bad cursor ${cursor}` } })(_req, res, ctx);
      return;
    }
    const items = [0, 1].map((j) => item(index * 2 + j));
    const next = index < 2 ? `c${index + 1}` : null;
    json(200, { [key]: items, next_cursor: next })(_req, res, ctx);
  };
}

describe('pagination', () => {
  const page = (i: number) => ({ ...SAMPLE_PAGE, id: `p${i}`, name: `Page ${i}` });

  for (const key of ['items', 'pages', 'data']) {
    it(`follows next_cursor across 3 pages with the array under "${key}"`, async () => {
      server.route('GET', '/pages', threePages(key, page));
      const ids: string[] = [];
      for await (const p of client().iteratePages({ tag: 'weekly', limit: 2 })) ids.push(p.id);
      expect(ids).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
      const calls = server.requests.filter((r) => r.path === '/pages').slice(-3);
      expect(calls.map((r) => r.query.get('cursor'))).toEqual([null, 'c1', 'c2']);
      expect(calls.every((r) => r.query.get('tag') === 'weekly' && r.query.get('limit') === '2')).toBe(true);
    });
  }

  it('listPages returns one page and its cursor', async () => {
    server.route('GET', '/pages', threePages('items', page));
    const first = await client().listPages({ limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(['p0', 'p1']);
    expect(first.next_cursor).toBe('c1');
    const second = await client().listPages({ limit: 2, cursor: first.next_cursor! });
    expect(second.items.map((p) => p.id)).toEqual(['p2', 'p3']);
  });

  it('list items may omit spec and declared_queries', async () => {
    server.route('GET', '/pages', json(200, { items: [{ id: 'x', name: 'X', updated_at: '2026-11-01T00:00:00Z' }], next_cursor: null }));
    const { items } = await client().listPages();
    expect(items[0]).toMatchObject({ id: 'x', name: 'X', tags: [] });
  });

  it('reads {data: [...]} with no cursor (unwrapped to a bare array) as the last page', async () => {
    server.route('GET', '/pages', json(200, { data: [page(0)] }));
    const { items, next_cursor } = await client().listPages();
    expect(items.map((p) => p.id)).toEqual(['p0']);
    expect(next_cursor).toBeNull();
  });

  it('a bad item on a later page names its path: items[1].id', async () => {
    server.route('GET', '/pages', (req, res, ctx) => {
      if (ctx.query.get('cursor') === null) json(200, { items: [page(0)], next_cursor: 'c1' })(req, res, ctx);
      else json(200, { items: [page(1), { ...page(2), id: 9 }], next_cursor: null })(req, res, ctx);
    });
    const seen: string[] = [];
    const error = await platformErrorFrom(async () => {
      for await (const p of client().iteratePages()) seen.push(p.id);
    });
    expect(seen).toEqual(['p0']);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toContain('items[1].id: expected string');
  });

  it('stops on a repeating cursor instead of looping', async () => {
    server.route('GET', '/pages', json(200, { items: [page(0)], next_cursor: 'same' }));
    const error = await platformErrorFrom(async () => {
      for await (const _ of client().iteratePages()) {
        // drain
      }
    });
    expect(error.message).toMatch(/repeats/);
    expect(server.hits('GET', '/pages')).toBe(2);
  });

  it('a body with no list at all is invalid_response', async () => {
    server.route('GET', '/pages', json(200, { results: 'nope' }));
    const error = await platformErrorFrom(() => client().listPages());
    expect(error.message).toContain('no list under items, pages, data');
  });

  it('the generic paginate reads any endpoint with any item schema', async () => {
    server.route('GET', '/things', threePages('data', (i) => ({ n: i })));
    const c = client();
    const out: number[] = [];
    for await (const t of c.paginate('/things', { limit: 2 }, z.object({ n: z.number() }))) out.push(t.n);
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('templates: bare array in an envelope, or under "templates"', async () => {
    server.route('GET', '/pages/templates', json(200, { data: [{ slug: 'pipeline-health', name: 'Pipeline health' }] }));
    expect((await client().listTemplates()).map((t) => t.slug)).toEqual(['pipeline-health']);
    server.route('GET', '/pages/templates', json(200, { templates: [{ slug: 'win-rate-gauge' }], next_cursor: null }));
    expect((await client().listTemplates()).map((t) => t.slug)).toEqual(['win-rate-gauge']);
  });
});

describe('decode helpers', () => {
  it('formats issue paths', () => {
    const result = z.object({ items: z.array(z.object({ id: z.string(), 'odd key': z.number() })) }).safeParse({ items: [{ id: 1, 'odd key': 'x' }] });
    expect(formatIssues(result.error!.issues)).toBe('items[0].id: expected string, received number; items[0]["odd key"]: expected number, received string');
  });

  it('describes union failures by their branches', () => {
    const result = z.object({ v: z.union([z.string(), z.number()]) }).safeParse({ v: true });
    expect(formatIssues(result.error!.issues)).toBe('v: expected string | number, received boolean');
  });

  it('decodeListPage reads a bare array', () => {
    expect(decodeListPage([{ n: 1 }], z.object({ n: z.number() }), { status: 200 })).toEqual({ items: [{ n: 1 }], next_cursor: null });
  });
});
