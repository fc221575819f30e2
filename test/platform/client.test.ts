/**
 * The client handed a custom `fetch` — a `(Request) => Promise<Response>`
 * handler, as the app hands it the local platform: what it writes (exact)
 * and what it exposes (rate limit, echoed version).
 */
import { describe, expect, it } from 'vitest';
import { createPlatformClient, formatIfMatch, type ResponseInfo } from '../../lib/platform/index';
import { SAMPLE_PAGE, expectNoUnhandledRejections, fakeClock, platformErrorFrom } from './helpers';

expectNoUnhandledRejections();

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** A tiny in-process platform: routes by "METHOD /path", records each request. */
function handler(routes: Record<string, (req: Request, body: unknown) => Response | Promise<Response>>) {
  const seen: Seen[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const text = await req.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    seen.push({ method: req.method, url, headers: req.headers, body });
    const path = url.pathname.replace(/^\/api\/platform\/v1/, '');
    const route = routes[`${req.method} ${path}`];
    if (!route) return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
    return route(req, body);
  };
  return { fetch, seen };
}

const BASE = 'http://studio.local/api/platform/v1/';

describe('requests as written', () => {
  it('sends auth, version, accept, user agent; JSON bodies; no trailing-slash doubling', async () => {
    const h = handler({ 'POST /data/query': () => Response.json({ rows: [] }) });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'amdhl_deadbeef', fetch: h.fetch, userAgent: 'studio-test/1' });
    await c.query('SELECT 1');
    const [req] = h.seen;
    expect(req!.url.pathname).toBe('/api/platform/v1/data/query');
    expect(req!.headers.get('authorization')).toBe('Bearer amdhl_deadbeef');
    expect(req!.headers.get('x-amdahl-api-version')).toBe('2026-11-01');
    expect(req!.headers.get('accept')).toBe('application/json');
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(req!.headers.get('user-agent')).toBe('studio-test/1');
    expect(req!.body).toEqual({ sql: 'SELECT 1' });
  });

  it('GETs carry no body and no content type', async () => {
    const h = handler({ 'GET /pages/p': () => Response.json(SAMPLE_PAGE) });
    await createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch, apiVersion: '2027-01-01' }).getPage('p');
    expect(h.seen[0]!.headers.get('content-type')).toBeNull();
    expect(h.seen[0]!.body).toBeUndefined();
    expect(h.seen[0]!.headers.get('x-amdahl-api-version')).toBe('2027-01-01');
  });

  it('updatePage sends If-Match: "<version>" and only the patch', async () => {
    const h = handler({ 'PATCH /pages/p': (_r, body) => Response.json({ ...SAMPLE_PAGE, ...(body as object), version: 5 }) });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch });
    const page = await c.updatePage('p', { name: 'Renamed', tags: ['a'] }, { ifMatch: 4 });
    expect(page).toMatchObject({ name: 'Renamed', version: 5 });
    expect(h.seen[0]!.headers.get('if-match')).toBe('"4"');
    expect(h.seen[0]!.body).toEqual({ name: 'Renamed', tags: ['a'] });
    await c.updatePage('p', { name: 'x' });
    expect(h.seen[1]!.headers.get('if-match')).toBeNull();
  });

  it('formats If-Match values', () => {
    expect(formatIfMatch(7)).toBe('"7"');
    expect(formatIfMatch('7')).toBe('"7"');
    expect(formatIfMatch('"abc"')).toBe('"abc"');
    expect(formatIfMatch('W/"abc"')).toBe('W/"abc"');
  });

  it('createPage sends exactly the contract shape, and refuses unknown fields without sending', async () => {
    const h = handler({ 'POST /pages': (_r, body) => Response.json({ ...SAMPLE_PAGE, ...(body as object) }, { status: 201 }) });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch });
    const body = { name: 'N', tags: ['t'], declared_queries: SAMPLE_PAGE.declared_queries as never, spec: SAMPLE_PAGE.spec };
    const page = await c.createPage(body);
    expect(page.name).toBe('N');
    expect(h.seen[0]!.body).toEqual(body);

    const error = await platformErrorFrom(() =>
      c.createPage({ ...body, id: 'mine', declared_queries: [{ name: 'q', source: 'graphql' }] } as never),
    );
    expect(error).toMatchObject({ status: 0, code: 'invalid_argument' });
    expect(error.message).toContain('Unrecognized key: "id"');
    expect(error.message).toContain('declared_queries[0].source');
    expect(h.seen).toHaveLength(1);
  });

  it('fills in source "sql" for a guide-style query, and refuses a query with neither', async () => {
    const h = handler({ 'POST /pages': (_r, body) => Response.json({ ...SAMPLE_PAGE, ...(body as object) }, { status: 201 }) });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch });
    await c.createPage({ name: 'N', declared_queries: [{ name: 'q', sql: 'SELECT 1' }], spec: {} });
    expect((h.seen[0]!.body as { declared_queries: unknown[] }).declared_queries).toEqual([{ name: 'q', source: 'sql', sql: 'SELECT 1' }]);
    const error = await platformErrorFrom(() => c.createPage({ name: 'N', declared_queries: [{ name: 'q' }], spec: {} }));
    expect(error.message).toContain('declared_queries[0].source');
    expect(h.seen).toHaveLength(1);
  });

  it('createEmbedToken and webhooks', async () => {
    const h = handler({
      'POST /pages/p/embed-token': () => Response.json({ token: 't', expires_at: '2026-11-01T13:00:00Z', embed_url: 'http://studio.local/embed/p?t=t' }),
      'POST /webhooks': (_r, body) => Response.json({ id: 'wh_1', ...(body as object), secret: 's3cret' }, { status: 201 }),
      'GET /webhooks': () => Response.json({ webhooks: [{ id: 'wh_1', url: 'https://example.com/h', events: ['page.created'] }], next_cursor: null }),
      'PATCH /webhooks/wh_1': (_r, body) => Response.json({ id: 'wh_1', url: 'https://example.com/h', events: [], ...(body as object) }),
      'DELETE /webhooks/wh_1': () => new Response(null, { status: 204 }),
    });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch });
    const token = await c.createEmbedToken('p', { audience: 'self', ttl_seconds: 3600, origins: ['https://wiki.example.com'] });
    expect(token.embed_url).toContain('/embed/p');
    expect(h.seen[0]!.body).toEqual({ audience: 'self', ttl_seconds: 3600, origins: ['https://wiki.example.com'] });
    await expect(c.createEmbedToken('p', { audience: 'everyone' as never })).rejects.toMatchObject({ code: 'invalid_argument' });

    const hook = await c.createWebhook({ url: 'https://example.com/h', events: ['page.created', 'page.updated'] });
    expect(hook.secret).toBe('s3cret');
    expect((await c.listWebhooks()).items.map((w) => w.id)).toEqual(['wh_1']);
    expect((await c.updateWebhook('wh_1', { description: 'd' })).description).toBe('d');
    await expect(c.deleteWebhook('wh_1')).resolves.toBeUndefined();
    await expect(c.createWebhook({ url: 'ftp://x', events: ['page.created'] })).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('rejects bad options up front', () => {
    expect(() => createPlatformClient({ baseUrl: BASE, apiKey: '' })).toThrow(/apiKey/);
    expect(() => createPlatformClient({ baseUrl: 'not a url', apiKey: 'k' })).toThrow(/baseUrl/);
    expect(() => createPlatformClient({ baseUrl: BASE, apiKey: 'k', concurrency: 0 })).toThrow(/concurrency/);
  });
});

describe('what it exposes', () => {
  it('the last rate-limit headers, the echoed version, and an onResponse hook', async () => {
    const h = handler({
      'GET /pages/p': () =>
        Response.json(SAMPLE_PAGE, {
          headers: { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '119', 'X-RateLimit-Reset': '1800000060', 'X-Amdahl-API-Version': '2026-11-01', 'X-Request-Id': 'r-9' },
        }),
    });
    const infos: ResponseInfo[] = [];
    const c = createPlatformClient({
      baseUrl: BASE,
      apiKey: 'k',
      fetch: h.fetch,
      onResponse: (info) => {
        infos.push(info);
        throw new Error('an observer that throws is ignored');
      },
    });
    expect(c.rateLimit).toBeUndefined();
    expect(c.apiVersion).toBeUndefined();
    await c.getPage('p');
    expect(c.rateLimit).toMatchObject({ limit: 120, remaining: 119, resetAt: 1_800_000_060_000 });
    expect(c.apiVersion).toBe('2026-11-01');
    expect(c.requestedApiVersion).toBe('2026-11-01');
    expect(infos).toEqual([
      expect.objectContaining({ method: 'GET', path: '/pages/p', status: 200, attempt: 1, requestId: 'r-9', apiVersion: '2026-11-01' }),
    ]);
  });
});

describe('validatePage verdicts', () => {
  const input = { spec: SAMPLE_PAGE.spec, declared_queries: SAMPLE_PAGE.declared_queries as never };

  it('reads {valid, diagnostics}', async () => {
    const h = handler({
      'POST /pages/validate': () =>
        Response.json({ valid: false, diagnostics: [{ code: 'unbound-query', severity: 'error', message: 'no query "x"', pointer: '/root/props/data' }] }),
    });
    const verdict = await createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch }).validatePage(input);
    expect(verdict.valid).toBe(false);
    expect(verdict.failures).toEqual([expect.objectContaining({ code: 'unbound-query', pointer: '/root/props/data' })]);
    expect(h.seen[0]!.body).toEqual(input);
  });

  it('reads {ok, errors: [{kind, message}]} and derives valid when absent', async () => {
    const h = handler({ 'POST /pages/validate': () => Response.json({ data: { errors: [{ kind: 'invalid_sql', message: 'not a SELECT' }] } }) });
    const verdict = await createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch }).validatePage(input);
    expect(verdict).toMatchObject({ valid: false, failures: [{ kind: 'invalid_sql', message: 'not a SELECT' }] });
  });

  it('sends broken drafts as they are: judging them is the platform\'s job', async () => {
    const h = handler({ 'POST /pages/validate': () => Response.json({ valid: false, failures: [{ kind: 'bad_prop', message: 'source' }] }) });
    const draft = { spec: { type: 'Blink' }, declared_queries: [{ name: 'q', source: 'graphql' }] };
    const verdict = await createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch }).validatePage(draft);
    expect(verdict.valid).toBe(false);
    expect(h.seen[0]!.body).toEqual(draft);
  });

  it('a clean verdict', async () => {
    const h = handler({ 'POST /pages/validate': () => Response.json({ ok: true, failures: [] }) });
    expect(await createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch }).validatePage(input)).toMatchObject({ valid: true, failures: [] });
  });

  it('a verdict sent as 422 resolves; a plain 400 still throws', async () => {
    const h = handler({ 'POST /pages/validate': () => Response.json({ failures: [{ kind: 'unknown_component', message: 'Blink' }] }, { status: 422 }) });
    const c = createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h.fetch });
    expect(await c.validatePage(input)).toMatchObject({ valid: false, failures: [{ kind: 'unknown_component' }] });

    const h2 = handler({ 'POST /pages/validate': () => Response.json({ error: { code: 'invalid_argument', message: 'body must be JSON' } }, { status: 400 }) });
    const error = await platformErrorFrom(() => createPlatformClient({ baseUrl: BASE, apiKey: 'k', fetch: h2.fetch }).validatePage(input));
    expect(error).toMatchObject({ status: 400, code: 'invalid_argument' });
  });
});

describe('a custom fetch that misbehaves', () => {
  it('a handler that never settles is cut by the per-attempt timeout', async () => {
    const clock = fakeClock();
    let calls = 0;
    const c = createPlatformClient({
      baseUrl: BASE,
      apiKey: 'k',
      timeoutMs: 50,
      retry: { maxAttempts: 2 },
      sleep: clock.sleep,
      fetch: () => {
        calls++;
        return new Promise<Response>(() => {});
      },
    });
    const error = await platformErrorFrom(() => c.getPage('p'));
    expect(error).toMatchObject({ status: 0, code: 'deadline_exceeded', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('a body stream that stalls is cut too', async () => {
    const c = createPlatformClient({
      baseUrl: BASE,
      apiKey: 'k',
      timeoutMs: 50,
      retry: { maxAttempts: 1 },
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"rows": ['));
            },
          }),
          { status: 200 },
        ),
    });
    const error = await platformErrorFrom(() => c.query('SELECT 1'));
    expect(error).toMatchObject({ status: 0, code: 'deadline_exceeded' });
  });

  it('a handler that throws synchronously becomes "unavailable"', async () => {
    const c = createPlatformClient({
      baseUrl: BASE,
      apiKey: 'k',
      retry: { maxAttempts: 1 },
      fetch: () => {
        throw new Error('database is closed');
      },
    });
    const error = await platformErrorFrom(() => c.getPage('p'));
    expect(error).toMatchObject({ status: 0, code: 'unavailable' });
    expect(error.message).toContain('database is closed');
  });

  it('error messages never carry the API key', async () => {
    const c = createPlatformClient({
      baseUrl: BASE,
      apiKey: 'amdhl_topsecret',
      retry: { maxAttempts: 1 },
      fetch: async () => Response.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
    });
    const error = await platformErrorFrom(() => c.getPage('p'));
    expect(JSON.stringify(error)).not.toContain('topsecret');
    expect(error.message).not.toContain('topsecret');
  });
});
