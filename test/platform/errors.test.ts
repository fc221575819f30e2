/**
 * Every error shape the platform sends, bare and inside a `{"data": ...}`
 * envelope, read into one PlatformError: first as pure functions, then over
 * real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PlatformError,
  codeForStatus,
  createPlatformClient,
  isPlatformError,
  parseErrorBody,
  parseRetryAfterHeader,
  unwrapEnvelope,
} from '../../lib/platform/index';
import { json, startFaultServer, type FaultServer } from './fault-server';
import { expectNoUnhandledRejections, platformErrorFrom } from './helpers';

expectNoUnhandledRejections();

const SHAPES: Array<[string, unknown, { code: string; message: string }]> = [
  ['{error: {code, message}}', { error: { code: 'not_found', message: 'No such page' } }, { code: 'not_found', message: 'No such page' }],
  ['{error: "<code>", message}', { error: 'not_found', message: 'No such page' }, { code: 'not_found', message: 'No such page' }],
  ['{error: "<sentence>", code}', { error: 'No such page.', code: 'not_found' }, { code: 'not_found', message: 'No such page.' }],
  ['{code, message}', { code: 'not_found', message: 'No such page' }, { code: 'not_found', message: 'No such page' }],
];

describe('parseErrorBody', () => {
  for (const [label, body, expected] of SHAPES) {
    it(`reads ${label}`, () => {
      expect(parseErrorBody(body, 404)).toMatchObject(expected);
    });
    it(`reads ${label} inside {data: ...}`, () => {
      expect(parseErrorBody({ data: body }, 404)).toMatchObject(expected);
    });
  }

  it('falls back to a status-derived code and the body text', () => {
    expect(parseErrorBody('upstream exploded', 502)).toEqual({ code: 'unavailable', message: 'upstream exploded' });
    expect(parseErrorBody(undefined, 404)).toEqual({ code: 'not_found', message: 'HTTP 404' });
    expect(parseErrorBody({ unexpected: true }, 403)).toEqual({ code: 'permission_denied', message: 'HTTP 403' });
    expect(parseErrorBody('x'.repeat(1000), 500)).toEqual({ code: 'internal', message: 'HTTP 500' });
    expect(parseErrorBody([1, 2], 400)).toEqual({ code: 'invalid_argument', message: 'HTTP 400' });
  });

  it('a bare sentence without a code takes the code from the status', () => {
    expect(parseErrorBody({ error: 'Something went wrong, sorry.' }, 500)).toEqual({
      code: 'internal',
      message: 'Something went wrong, sorry.',
    });
  });

  it('reads details and every wait form, taking the longest', () => {
    const parsed = parseErrorBody(
      { retry_after: 2, error: { code: 'resource_exhausted', message: 'x', details: { retry_after_seconds: 5 } } },
      429,
    );
    expect(parsed).toMatchObject({ code: 'resource_exhausted', retryAfterMs: 5_000, details: { retry_after_seconds: 5 } });
    expect(parseErrorBody({ error: 'rate_limited', retry_after: '1.5' }, 429).retryAfterMs).toBe(1_500);
    expect(parseErrorBody({ error: 'rate_limited', retry_after: 'soon' }, 429).retryAfterMs).toBeUndefined();
  });

  it('maps statuses to codes', () => {
    expect([400, 401, 403, 404, 409, 429, 500, 503, 504, 418, 599].map(codeForStatus)).toEqual([
      'invalid_argument',
      'unauthenticated',
      'permission_denied',
      'not_found',
      'failed_precondition',
      'resource_exhausted',
      'internal',
      'unavailable',
      'deadline_exceeded',
      'failed_precondition',
      'internal',
    ]);
  });
});

describe('parseRetryAfterHeader', () => {
  const now = Date.UTC(2026, 10, 1, 12, 0, 0);
  it('reads seconds, dates, past dates and junk', () => {
    expect(parseRetryAfterHeader('30', now)).toBe(30_000);
    expect(parseRetryAfterHeader(' 0 ', now)).toBe(0);
    expect(parseRetryAfterHeader(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfterHeader(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterHeader('tomorrow-ish', now)).toBeUndefined();
    expect(parseRetryAfterHeader(null, now)).toBeUndefined();
    expect(parseRetryAfterHeader('-5', now)).toBeUndefined();
  });
});

describe('unwrapEnvelope', () => {
  it('unwraps only a lone data key', () => {
    expect(unwrapEnvelope({ data: { id: 'x' } })).toEqual({ id: 'x' });
    expect(unwrapEnvelope({ data: [1], next_cursor: null })).toEqual({ data: [1], next_cursor: null });
    expect(unwrapEnvelope([{ data: 1 }])).toEqual([{ data: 1 }]);
    expect(unwrapEnvelope({ data: null })).toBeNull();
  });
});

describe('PlatformError', () => {
  it('is an Error with a safe JSON form, recognisable across module copies', () => {
    const error = new PlatformError({ status: 429, code: 'resource_exhausted', message: 'slow', body: { secret: 1 }, retryAfterMs: 10, requestId: 'r1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PlatformError');
    expect(JSON.parse(JSON.stringify(error))).toEqual({ status: 429, code: 'resource_exhausted', message: 'slow', requestId: 'r1', retryAfterMs: 10 });
    const lookalike = Object.create(null) as Record<symbol, unknown>;
    lookalike[Symbol.for('amdahl.platform.PlatformError')] = true;
    expect(isPlatformError(lookalike)).toBe(true);
    expect(isPlatformError(new Error('x'))).toBe(false);
  });
});

describe('over HTTP', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const client = () => createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'amdhl_ab12', retry: { maxAttempts: 1 } });

  for (const [label, body, expected] of SHAPES) {
    for (const enveloped of [false, true]) {
      it(`${label}${enveloped ? ' in {data}' : ''} -> PlatformError`, async () => {
        server.route('GET', '/pages/missing', json(404, enveloped ? { data: body } : body, { 'X-Request-Id': 'req_42' }));
        const error = await platformErrorFrom(() => client().getPage('missing'));
        expect(error).toBeInstanceOf(PlatformError);
        expect(error).toMatchObject({ status: 404, ...expected, requestId: 'req_42', method: 'GET', path: '/pages/missing' });
        expect(error.body).toEqual(enveloped ? { data: body } : body);
      });
    }
  }

  it('an empty 401 body -> unauthenticated', async () => {
    server.route('GET', '/pages/p', (_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const error = await platformErrorFrom(() => client().getPage('p'));
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'HTTP 401', body: undefined });
  });

  it('a 409 stale write keeps the server code', async () => {
    server.route('PATCH', '/pages/p', json(409, { error: { code: 'failed_precondition', message: 'version 3 is stale; current is 4' } }));
    const error = await platformErrorFrom(() => client().updatePage('p', { name: 'n' }, { ifMatch: 3 }));
    expect(error).toMatchObject({ status: 409, code: 'failed_precondition', message: 'version 3 is stale; current is 4' });
    expect(server.requests.at(-1)?.headers['if-match']).toBe('"3"');
  });

  it('a 2xx tool-failure envelope {data: {success: false, error}} is an error', async () => {
    server.route('POST', '/data/query', json(200, { data: { success: false, error: { code: 'invalid_argument', message: 'bad SQL' } } }));
    const error = await platformErrorFrom(() => client().query('SELEC 1'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_argument', message: 'bad SQL' });
  });
});
