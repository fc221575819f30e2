/**
 * The client-side limiter: bounded concurrency, and pacing by the server's
 * rate-limit headers so that a burst of queries never draws a 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestLimiter, createPlatformClient, isPlatformError, readRateLimit } from '../../lib/platform/index';
import { delayed, json, startFaultServer, type Behaviour, type FaultServer } from './fault-server';
import { expectNoUnhandledRejections, fakeClock } from './helpers';

expectNoUnhandledRejections();

describe('RequestLimiter (unit, fake clock)', () => {
  it('holds at most `concurrency` slots and grants them in order', async () => {
    const clock = fakeClock();
    const limiter = new RequestLimiter({ concurrency: 2, now: clock.now, sleep: clock.sleep });
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const order: string[] = [];
    const c = limiter.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = limiter.acquire().then((release) => {
      order.push('d');
      return release;
    });
    await Promise.resolve();
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(2);
    a();
    a(); // a second release is ignored
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(limiter.inFlight).toBe(0);
  });

  it('a queued acquire rejects when its signal aborts, and leaves the queue', async () => {
    const clock = fakeClock();
    const limiter = new RequestLimiter({ concurrency: 1, now: clock.now, sleep: clock.sleep });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.queued).toBe(0);
    held();
    expect(limiter.inFlight).toBe(0);
  });

  it('spaces requests over the time left when the window runs low, and waits out a spent window', async () => {
    const clock = fakeClock();
    const limiter = new RequestLimiter({ concurrency: 1, now: clock.now, sleep: clock.sleep });
    const t0 = clock.now();
    const first = await limiter.acquire();
    limiter.observe({ limit: 100, remaining: 2, resetAt: t0 + 1_000, observedAt: t0 });
    first();
    // remaining 2 of 100 is under 10%: 1000 ms / 2 = 500 ms apart.
    (await limiter.acquire())();
    (await limiter.acquire())();
    // Spent: wait for the reset (plus a small margin), then go freely.
    (await limiter.acquire())();
    (await limiter.acquire())();
    expect(clock.waits).toEqual([500, 525]);
  });

  it('does not pace while plenty remains', async () => {
    const clock = fakeClock();
    const limiter = new RequestLimiter({ concurrency: 4, now: clock.now, sleep: clock.sleep });
    const first = await limiter.acquire();
    limiter.observe({ limit: 100, remaining: 80, resetAt: clock.now() + 1_000, observedAt: clock.now() });
    first();
    for (let i = 0; i < 20; i++) (await limiter.acquire())();
    expect(clock.waits).toEqual([]);
  });

  it('refuses at once when the window reopens after the deadline', async () => {
    const clock = fakeClock();
    const limiter = new RequestLimiter({ concurrency: 1, now: clock.now, sleep: clock.sleep });
    const first = await limiter.acquire();
    limiter.observe({ limit: 10, remaining: 0, resetAt: clock.now() + 30_000, observedAt: clock.now() });
    first();
    const error = await limiter.acquire(undefined, clock.now() + 1_000).catch((e: unknown) => e);
    expect(isPlatformError(error) && error.code).toBe('resource_exhausted');
    expect(limiter.inFlight).toBe(0);
    expect(clock.waits).toEqual([]);
  });

  it('reads rate-limit headers: epoch seconds, fractions, deltas', () => {
    const now = 1_800_000_000_000;
    const headers = new Headers({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '59', 'X-RateLimit-Reset': '1800000030' });
    expect(readRateLimit(headers, now)).toEqual({ limit: 60, remaining: 59, resetAt: 1_800_000_030_000, observedAt: now });
    expect(readRateLimit(new Headers({ 'X-RateLimit-Reset': '1800000000.5' }), now)?.resetAt).toBe(1_800_000_000_500);
    expect(readRateLimit(new Headers({ 'X-RateLimit-Reset': '30' }), now)?.resetAt).toBe(now + 30_000);
    expect(readRateLimit(new Headers(), now)).toBeUndefined();
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

  it('never has more than `concurrency` requests in flight', async () => {
    server.route('POST', '/data/query', delayed(30, json(200, { rows: [] })));
    server.inFlight.max = 0;
    const c = createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'k', concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.query('SELECT 1')));
    expect(server.hits('POST', '/data/query')).toBe(12);
    expect(server.inFlight.max).toBe(3);
  });

  it('a page firing 24 queries against a limit of 5 per 300 ms never trips a 429', async () => {
    const LIMIT = 5;
    const WINDOW_MS = 300;
    let windowEnd = 0;
    let used = 0;
    let refused = 0;
    const limited: Behaviour = (req, res, ctx) => {
      const now = Date.now();
      if (now >= windowEnd) {
        windowEnd = now + WINDOW_MS;
        used = 0;
      }
      used++;
      const headers = {
        'X-RateLimit-Limit': String(LIMIT),
        'X-RateLimit-Remaining': String(Math.max(0, LIMIT - used)),
        // Fractional epoch seconds, so the test can use a short window.
        'X-RateLimit-Reset': (windowEnd / 1000).toFixed(3),
      };
      if (used > LIMIT) {
        refused++;
        json(429, { error: { code: 'resource_exhausted', message: 'slow down' }, retry_after: 1 }, { ...headers, 'Retry-After': '1' })(req, res, ctx);
        return;
      }
      delayed(10, json(200, { rows: [{ n: used }] }, headers))(req, res, ctx);
    };
    server.route('POST', '/data/query', limited);
    const c = createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'k', concurrency: 4 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => c.query(`SELECT ${i}`)));
    expect(results).toHaveLength(24);
    expect(refused).toBe(0);
    expect(server.hits('POST', '/data/query')).toBe(24);
    // 24 requests at 5 per window need at least 4 window changes.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * WINDOW_MS - 50);
    expect(c.rateLimit).toMatchObject({ limit: LIMIT });
  });

  it('after a 429 with X-RateLimit-Remaining 0, later calls wait for the reset instead of hammering', async () => {
    const clock = fakeClock();
    const resetAt = clock.now() + 5_000;
    server.route(
      'POST',
      '/data/query',
      json(429, { error: { code: 'resource_exhausted', message: 'x' } }, { 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt / 1000) }),
      json(200, { rows: [] }),
    );
    const c = createPlatformClient({ baseUrl: server.baseUrl, apiKey: 'k', sleep: clock.sleep, now: clock.now, random: () => 0 });
    await c.query('SELECT 1');
    // The retry waits once: either the 429's implied wait or the limiter's, not both.
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5_000);
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThan(5_200);
    expect(server.hits('POST', '/data/query')).toBe(2);
  });
});
