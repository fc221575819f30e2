/**
 * Retries, waits and deadlines over real HTTP (global fetch against the
 * fault server). Waits go through an injected clock, so the tests are fast;
 * one test uses the real sleep with small waits.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlatformClient, type PlatformClientOptions } from '../../lib/platform/index';
import { delayed, json, raw, reset, slowBody, startFaultServer, type FaultServer } from './fault-server';
import { SAMPLE_PAGE, expectNoUnhandledRejections, fakeClock, platformErrorFrom } from './helpers';

expectNoUnhandledRejections();

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const ROWS = { rows: [{ channel: 'email', n: 3 }] };
const rateLimited = (extra: Record<string, unknown> = {}) => ({
  error: { code: 'resource_exhausted', message: 'slow down', ...extra },
});

function client(clock: ReturnType<typeof fakeClock>, extra: Partial<PlatformClientOptions> = {}) {
  return createPlatformClient({
    baseUrl: server.baseUrl,
    apiKey: 'amdhl_0123456789abcdef',
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    retry: { maxAttempts: 4, baseMs: 100, capMs: 1_000 },
    timeoutMs: 2_000,
    ...extra,
  });
}

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
  clock = fakeClock();
});

describe('429: every wait form is honoured', () => {
  it('Retry-After header in seconds', async () => {
    server.route('POST', '/data/query', json(429, rateLimited(), { 'Retry-After': '7' }), json(200, ROWS));
    const result = await client(clock).query('SELECT 1');
    expect(result.rows).toEqual(ROWS.rows);
    expect(server.hits('POST', '/data/query')).toBe(2);
    expect(clock.waits).toEqual([7_000]);
  });

  it('Retry-After header as an HTTP date', async () => {
    // The fake clock reads 2026-11-01T12:00:00Z; the server says "retry at 12:00:12".
    const at = new Date(clock.now() + 12_000).toUTCString();
    server.route('POST', '/data/query', json(429, rateLimited(), { 'Retry-After': at }), json(200, ROWS));
    await client(clock).query('SELECT 1');
    expect(clock.waits).toEqual([12_000]);
  });

  it('body retry_after (the guide)', async () => {
    server.route('POST', '/data/query', json(429, { ...rateLimited(), retry_after: 3 }), json(200, ROWS));
    await client(clock).query('SELECT 1');
    expect(clock.waits).toEqual([3_000]);
  });

  it('error.details.retry_after_seconds (the docs)', async () => {
    server.route('POST', '/data/query', json(429, rateLimited({ details: { retry_after_seconds: 4 } })), json(200, ROWS));
    await client(clock).query('SELECT 1');
    expect(clock.waits).toEqual([4_000]);
  });

  it('inside a data envelope, with the error exposing retryAfterMs', async () => {
    server.route('POST', '/data/query', json(429, { data: { error: 'rate_limited', message: 'too many', retry_after: 2 } }));
    const error = await platformErrorFrom(() => client(clock, { retry: { maxAttempts: 2 } }).query('SELECT 1'));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'too many', retryAfterMs: 2_000, attempts: 2 });
    expect(clock.waits).toEqual([2_000]);
  });

  it('a 429 without any wait backs off exponentially, capped, and gives up after maxAttempts', async () => {
    server.route('POST', '/data/query', json(429, rateLimited()));
    const error = await platformErrorFrom(() =>
      client(clock, { retry: { maxAttempts: 6, baseMs: 100, capMs: 500 } }).query('SELECT 1'),
    );
    expect(error).toMatchObject({ status: 429, code: 'resource_exhausted', attempts: 6 });
    expect(server.hits('POST', '/data/query')).toBe(6);
    // Equal jitter with random() = 0.5: 3/4 of each step; steps 100, 200, 400, 500 (cap), 500.
    expect(clock.waits).toEqual([75, 150, 300, 375, 375]);
  });

  it('a Retry-After longer than the remaining deadline fails at once with the 429', async () => {
    server.route('POST', '/data/query', json(429, rateLimited(), { 'Retry-After': '120' }), json(200, ROWS));
    const error = await platformErrorFrom(() => client(clock, { deadlineMs: 10_000 }).query('SELECT 1'));
    expect(error).toMatchObject({ status: 429, code: 'resource_exhausted', retryAfterMs: 120_000, attempts: 1 });
    expect(server.hits('POST', '/data/query')).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it('the deadline covers retries: waits that add up past it stop the call', async () => {
    server.route('POST', '/data/query', json(429, rateLimited(), { 'Retry-After': '4' }));
    const error = await platformErrorFrom(() =>
      client(clock, { deadlineMs: 10_000, retry: { maxAttempts: 10 } }).query('SELECT 1'),
    );
    expect(error.status).toBe(429);
    // 4 s + 4 s fit in 10 s; a third wait would end at 12 s.
    expect(clock.waits).toEqual([4_000, 4_000]);
    expect(server.hits('POST', '/data/query')).toBe(3);
  });
});

describe('5xx', () => {
  it('500 then 503 then success on a read', async () => {
    server.route('GET', '/pages/pg_1', json(500, { error: { code: 'internal', message: 'boom' } }), json(503, { code: 'unavailable', message: 'later' }), json(200, SAMPLE_PAGE));
    const page = await client(clock).getPage('pg_1');
    expect(page.id).toBe('pg_1');
    expect(server.hits('GET', '/pages/pg_1')).toBe(3);
    expect(clock.waits).toEqual([75, 150]);
  });

  it('a 503 Retry-After is honoured too', async () => {
    server.route('GET', '/pages/pg_1', json(503, { error: 'unavailable', message: 'deploying' }, { 'Retry-After': '1' }), json(200, SAMPLE_PAGE));
    await client(clock).getPage('pg_1');
    expect(clock.waits).toEqual([1_000]);
  });

  it('a persistent 500 gives up after maxAttempts with the typed error', async () => {
    server.route('GET', '/pages/pg_1', json(500, { error: { code: 'internal', message: 'boom' } }));
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1'));
    expect(error).toMatchObject({ status: 500, code: 'internal', message: 'boom', attempts: 4 });
    expect(server.hits('GET', '/pages/pg_1')).toBe(4);
  });

  it('POST /pages is not retried on 500 (it may have created the page)', async () => {
    server.route('POST', '/pages', json(500, { error: { code: 'internal', message: 'boom' } }), json(201, SAMPLE_PAGE));
    const error = await platformErrorFrom(() =>
      client(clock).createPage({ name: 'x', declared_queries: [], spec: SAMPLE_PAGE.spec }),
    );
    expect(error).toMatchObject({ status: 500, code: 'internal', attempts: 1 });
    expect(server.hits('POST', '/pages')).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it('POST /pages is retried on 429 (the server did nothing)', async () => {
    server.route('POST', '/pages', json(429, rateLimited(), { 'Retry-After': '1' }), json(201, SAMPLE_PAGE));
    const page = await client(clock).createPage({ name: 'x', declared_queries: [], spec: SAMPLE_PAGE.spec });
    expect(page.id).toBe('pg_1');
    expect(server.hits('POST', '/pages')).toBe(2);
  });

  it('POST /webhooks and POST embed-token are not retried on 503', async () => {
    server.route('POST', '/webhooks', json(503, { code: 'unavailable', message: 'x' }));
    server.route('POST', '/pages/pg_1/embed-token', json(502, 'Bad gateway'));
    const c = client(clock);
    expect((await platformErrorFrom(() => c.createWebhook({ url: 'https://example.com/h', events: ['page.created'] }))).status).toBe(503);
    expect((await platformErrorFrom(() => c.createEmbedToken('pg_1', { audience: 'self' }))).status).toBe(502);
    expect(server.hits('POST', '/webhooks')).toBe(1);
    expect(server.hits('POST', '/pages/pg_1/embed-token')).toBe(1);
  });

  it('PATCH with If-Match is retried; PATCH without is not', async () => {
    server.route('PATCH', '/pages/pg_1', json(503, { code: 'unavailable', message: 'x' }), json(200, { ...SAMPLE_PAGE, version: 2 }));
    const page = await client(clock).updatePage('pg_1', { name: 'y' }, { ifMatch: 1 });
    expect(page.version).toBe(2);
    expect(server.hits('PATCH', '/pages/pg_1')).toBe(2);

    server.route('PATCH', '/pages/pg_1', json(503, { code: 'unavailable', message: 'x' }), json(200, SAMPLE_PAGE));
    await platformErrorFrom(() => client(clock).updatePage('pg_1', { name: 'y' }));
    expect(server.hits('PATCH', '/pages/pg_1')).toBe(1);
  });

  it('a 501 is not retried', async () => {
    server.route('GET', '/pages/templates', json(501, { error: 'unimplemented', message: 'no templates here' }));
    const error = await platformErrorFrom(() => client(clock).listTemplates());
    expect(error).toMatchObject({ status: 501, code: 'unimplemented', attempts: 1 });
  });
});

describe('other 4xx are never retried', () => {
  it.each([
    [400, 'invalid_argument'],
    [401, 'unauthenticated'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [409, 'failed_precondition'],
  ])('%i', async (status, code) => {
    server.route('GET', '/pages/pg_1', json(status, { error: { code, message: 'no' } }), json(200, SAMPLE_PAGE));
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1'));
    expect(error).toMatchObject({ status, code, attempts: 1 });
    expect(server.hits('GET', '/pages/pg_1')).toBe(1);
    expect(clock.waits).toEqual([]);
  });
});

describe('network failures', () => {
  it('a reset connection is retried on a read and then succeeds', async () => {
    server.route('POST', '/data/query', reset(), reset(), json(200, ROWS));
    const result = await client(clock).query('SELECT 1');
    expect(result.rows).toHaveLength(1);
    expect(server.hits('POST', '/data/query')).toBe(3);
  });

  it('resets exhaust the attempts as status 0 "unavailable"', async () => {
    server.route('GET', '/pages/pg_1', reset());
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1'));
    expect(error).toMatchObject({ status: 0, code: 'unavailable', attempts: 4 });
    expect(error.message).toMatch(/GET \/pages\/pg_1 failed/);
    expect(server.hits('GET', '/pages/pg_1')).toBe(4);
  });

  it('a reset on POST /pages is not retried (it may have been processed)', async () => {
    server.route('POST', '/pages', reset(), json(201, SAMPLE_PAGE));
    const error = await platformErrorFrom(() =>
      client(clock).createPage({ name: 'x', declared_queries: [], spec: SAMPLE_PAGE.spec }),
    );
    expect(error).toMatchObject({ status: 0, code: 'unavailable', attempts: 1 });
    expect(server.hits('POST', '/pages')).toBe(1);
  });

  it('a refused connection is retried even for POST /pages (nothing was sent)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let calls = 0;
    const c = createPlatformClient({
      baseUrl: `http://127.0.0.1:${port}/api/platform/v1`,
      apiKey: 'k',
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
      retry: { maxAttempts: 3, baseMs: 100, capMs: 1_000 },
      fetch: (request) => {
        calls++;
        return fetch(request);
      },
    });
    const error = await platformErrorFrom(() => c.createPage({ name: 'x', declared_queries: [], spec: {} }));
    expect(error).toMatchObject({ status: 0, code: 'unavailable', attempts: 3 });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(calls).toBe(3);
  });

  it('a fetch that throws a TypeError becomes "unavailable"', async () => {
    const c = createPlatformClient({
      baseUrl: 'http://platform.invalid/api/platform/v1',
      apiKey: 'k',
      sleep: clock.sleep,
      now: clock.now,
      retry: { maxAttempts: 2 },
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      },
    });
    const error = await platformErrorFrom(() => c.getPage('p'));
    expect(error).toMatchObject({ status: 0, code: 'unavailable', attempts: 2 });
    expect(error.message).toContain('socket hang up (ECONNRESET)');
  });
});

describe('timeouts', () => {
  it('a body that stalls beyond the per-attempt timeout is cut and retried', async () => {
    server.route('GET', '/pages/pg_1', slowBody(200, SAMPLE_PAGE, 10_000), json(200, SAMPLE_PAGE));
    const started = Date.now();
    const page = await client(clock, { timeoutMs: 400 }).getPage('pg_1');
    expect(page.id).toBe('pg_1');
    expect(server.hits('GET', '/pages/pg_1')).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('slow answers exhaust the attempts as status 0 "deadline_exceeded"', async () => {
    server.route('GET', '/pages/pg_1', delayed(2_000, json(200, SAMPLE_PAGE)));
    const error = await platformErrorFrom(() => client(clock, { timeoutMs: 100, retry: { maxAttempts: 2 } }).getPage('pg_1'));
    expect(error).toMatchObject({ status: 0, code: 'deadline_exceeded', attempts: 2 });
    expect(server.hits('GET', '/pages/pg_1')).toBe(2);
  });

  it('a stalled POST /pages times out and is not retried', async () => {
    server.route('POST', '/pages', slowBody(201, SAMPLE_PAGE, 5_000));
    const error = await platformErrorFrom(() =>
      client(clock, { timeoutMs: 100 }).createPage({ name: 'x', declared_queries: [], spec: {} }),
    );
    expect(error).toMatchObject({ status: 0, code: 'deadline_exceeded', attempts: 1 });
    expect(server.hits('POST', '/pages')).toBe(1);
  });

  it('the total deadline bounds a call in real time (real clock)', async () => {
    server.route('GET', '/pages/pg_1', delayed(5_000, json(200, SAMPLE_PAGE)));
    const c = createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'k', timeoutMs: 10_000, deadlineMs: 200 });
    const started = Date.now();
    const error = await platformErrorFrom(() => c.getPage('pg_1'));
    expect(error).toMatchObject({ status: 0, code: 'deadline_exceeded' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.hits('GET', '/pages/pg_1')).toBe(1);
  });

  it('the caller can cancel with an AbortSignal', async () => {
    server.route('GET', '/pages/pg_1', delayed(5_000, json(200, SAMPLE_PAGE)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1', { signal: controller.signal }));
    expect(error).toMatchObject({ status: 0, code: 'cancelled' });
    expect(server.hits('GET', '/pages/pg_1')).toBe(1);
  });
});

describe('real waits', () => {
  it('sleeps for real: Retry-After 0 on 429, then backoff on 503, then success', async () => {
    server.route(
      'POST',
      '/data/query',
      json(429, rateLimited(), { 'Retry-After': '0' }),
      json(503, { code: 'unavailable', message: 'x' }),
      json(200, ROWS),
    );
    const c = createPlatformClient({
      baseUrl: server.baseUrl,
      apiKey: 'k',
      retry: { maxAttempts: 3, baseMs: 40, capMs: 100 },
      random: () => 1,
    });
    const started = Date.now();
    const result = await c.query('SELECT 1');
    const elapsed = Date.now() - started;
    expect(result.rows).toHaveLength(1);
    expect(server.hits('POST', '/data/query')).toBe(3);
    // 0 ms, then the 40 ms step with full jitter = 40 ms.
    expect(elapsed).toBeGreaterThanOrEqual(35);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('sleeps for real: body retry_after of a fraction of a second', async () => {
    server.route('GET', '/pages/pg_1', json(429, { error: 'rate_limited', message: 'x', retry_after: 0.15 }), json(200, SAMPLE_PAGE));
    const c = createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'k' });
    const started = Date.now();
    await c.getPage('pg_1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('bodies that are not JSON', () => {
  it('a 2xx with malformed JSON is invalid_response, not a SyntaxError, and not retried', async () => {
    server.route('GET', '/pages/pg_1', raw(200, '{"id": "pg_1", '));
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', attempts: 1 });
    expect(error.message).toMatch(/malformed JSON/);
    expect(error.body).toBe('{"id": "pg_1", ');
  });

  it('a 5xx with an HTML body keeps a status-derived code and the short text', async () => {
    server.route('GET', '/pages/pg_1', raw(502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' }));
    const error = await platformErrorFrom(() => client(clock, { retry: { maxAttempts: 1 } }).getPage('pg_1'));
    expect(error).toMatchObject({ status: 502, code: 'unavailable', message: '<html>bad gateway</html>' });
  });

  it('a 4xx with malformed JSON falls back to the status', async () => {
    server.route('GET', '/pages/pg_1', raw(404, '{"error": '));
    const error = await platformErrorFrom(() => client(clock).getPage('pg_1'));
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('deletes', () => {
  it('a DELETE is retried and a 404 after an ambiguous attempt counts as done', async () => {
    server.route('DELETE', '/pages/pg_1', reset(), json(404, { error: { code: 'not_found', message: 'gone' } }));
    await expect(client(clock).archivePage('pg_1')).resolves.toBeNull();
    expect(server.hits('DELETE', '/pages/pg_1')).toBe(2);
  });

  it('a 404 on the first attempt is an error', async () => {
    server.route('DELETE', '/pages/pg_1', json(404, { error: { code: 'not_found', message: 'gone' } }));
    const error = await platformErrorFrom(() => client(clock).archivePage('pg_1'));
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });
});
