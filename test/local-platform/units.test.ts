/**
 * The local platform's parts that need no database: options, keys, rate
 * limits, stores, tokens, signatures, routing, the node:http adapter.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebResponse, toNodeListener, toWebRequest } from '../../lib/http/node-adapter';
import {
  createLocalPlatform,
  localPlatformOptionsFromEnv,
  rotateEmbedSecret,
  signWebhookBody,
  verifyEmbedToken,
} from '../../lib/local-platform';
import { embedSecret, issueEmbedToken } from '../../lib/local-platform/embed-tokens';
import { parseIfMatch } from '../../lib/local-platform/http';
import { JsonDocument } from '../../lib/local-platform/json-file';
import { PagesStore, readSeedPages } from '../../lib/local-platform/pages-store';
import { RateLimiter } from '../../lib/local-platform/rate-limit';
import { isLoopback } from '../../lib/local-platform/serve';
import { DEMO_PROFILE, profileFor, seedSql } from '../../lib/local-platform/seed';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-units-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
const sub = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));

describe('localPlatformOptionsFromEnv', () => {
  it('reads every variable', () => {
    const keys = [{ key: 'amdhl_0123456789abcdef', business: 'acme', scopes: ['data:read'], name: 'ci' }];
    const options = localPlatformOptionsFromEnv({
      AMDAHL_LOCAL_DIR: '/var/tmp/amdahl',
      AMDAHL_LOCAL_KEYS: JSON.stringify(keys),
      AMDAHL_LOCAL_DEV_KEY: 'false',
      AMDAHL_LOCAL_ROW_CAP: '500',
      AMDAHL_LOCAL_QUERY_TIMEOUT_MS: '2500',
      AMDAHL_LOCAL_RATE_LIMIT: '100/10',
    });
    expect(options).toEqual({
      dir: '/var/tmp/amdahl',
      keys,
      allowDevKey: false,
      rowCap: 500,
      queryTimeoutMs: 2500,
      rateLimit: { limit: 100, windowSeconds: 10 },
    });
    expect(localPlatformOptionsFromEnv({})).toEqual({});
  });

  it('throws on malformed values instead of ignoring them', () => {
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_KEYS: 'amdhl_x' })).toThrow(/JSON array/);
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_KEYS: '{"key":"x"}' })).toThrow(/JSON array/);
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_KEYS: '[{"key":"x"}]' })).toThrow(/business/);
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_ROW_CAP: 'lots' })).toThrow(/ROW_CAP/);
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_RATE_LIMIT: '100' })).toThrow(/RATE_LIMIT/);
  });

  it('createLocalPlatform refuses bad keys and business names', () => {
    expect(() => createLocalPlatform({ keys: [{ key: 'amdhl_0123456789', business: '../etc', scopes: [] }] })).toThrow(/business/);
    expect(() => createLocalPlatform({ keys: [{ key: 'amdhl_0123456789', business: 'ok', scopes: ['root' as never] }] })).toThrow(/scope/);
    expect(() => createLocalPlatform({ rowCap: 0 })).toThrow(/rowCap/);
  });
});

describe('the handler without databases', () => {
  const req = (p: string, key = 'amdhl_local_dev', init: RequestInit = {}) =>
    new Request(`http://local${p}`, { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) } });

  it('matches on the path after /api/platform/v1, under any prefix', async () => {
    const platform = createLocalPlatform({ dir: sub('prefix'), warmBusinesses: [] });
    for (const p of ['/api/platform/v1/pages', '/some/mount/api/platform/v1/pages', '/api/platform/v1/pages/']) {
      expect((await platform.handle(req(p))).status, p).toBe(200);
    }
    expect((await platform.handle(req('/api/platform/v2/pages'))).status).toBe(404);
    expect((await platform.handle(req('/api/platform/v1'))).status).toBe(404);
    await platform.close();
    const after = await platform.handle(req('/api/platform/v1/pages'));
    expect(after.status).toBe(503);
    expect((await after.json()).error.code).toBe('unavailable');
  });

  it('refuses the dev key when allowDevKey is false, and accepts configured keys', async () => {
    const platform = createLocalPlatform({
      dir: sub('nodev'),
      allowDevKey: false,
      keys: [{ key: 'amdhl_configured_key', business: 'acme', scopes: ['pages:read'] }],
    });
    const dev = await platform.handle(req('/api/platform/v1/pages'));
    expect(dev.status).toBe(401);
    expect((await platform.handle(req('/api/platform/v1/pages', 'amdhl_configured_key'))).status).toBe(200);
    await platform.close();
  });

  it('demo pages are seeded only for demo, once', async () => {
    const dir = sub('seed');
    const platform = createLocalPlatform({ dir, keys: [{ key: 'amdhl_acme_key_123', business: 'acme', scopes: ['pages:read'] }] });
    const demo = await (await platform.handle(req('/api/platform/v1/pages'))).json();
    expect(demo.items.map((p: { name: string }) => p.name).sort()).toEqual(['Channel health', 'Weekly sentiment']);
    const acme = await (await platform.handle(req('/api/platform/v1/pages', 'amdhl_acme_key_123'))).json();
    expect(acme.items).toEqual([]);
    await platform.close();
    const again = createLocalPlatform({ dir });
    const reopened = await (await again.handle(req('/api/platform/v1/pages'))).json();
    expect(reopened.items).toEqual(demo.items);
    await again.close();
  });

  it('one platform per data directory: a second gets 503 until the first closes; a dead owner\'s lock is taken over', async () => {
    const dir = sub('lock');
    const first = createLocalPlatform({ dir });
    const second = createLocalPlatform({ dir });
    expect((await first.handle(req('/api/platform/v1/pages'))).status).toBe(200);
    const refused = await second.handle(req('/api/platform/v1/pages'));
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('unavailable');
    await expect(second.ready()).rejects.toMatchObject({ code: 'unavailable' });
    await first.close();
    expect(fs.existsSync(path.join(dir, 'platform.lock'))).toBe(false);
    expect((await second.handle(req('/api/platform/v1/pages'))).status).toBe(200);
    await second.close();
    // a lock left by a process that no longer exists
    fs.writeFileSync(path.join(dir, 'platform.lock'), '2147483646 stale\n');
    const third = createLocalPlatform({ dir });
    expect((await third.handle(req('/api/platform/v1/pages'))).status).toBe(200);
    await third.close();
  });

  it('a body that is not JSON, or too large, is refused', async () => {
    const platform = createLocalPlatform({ dir: sub('body'), warmBusinesses: [] });
    const post = (body: string, type = 'application/json') =>
      platform.handle(req('/api/platform/v1/pages', 'amdhl_local_dev', { method: 'POST', body, headers: { 'content-type': type } }));
    expect((await post('not json')).status).toBe(400);
    expect((await post('{}', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post(JSON.stringify({ name: 'x', spec: { pad: 'x'.repeat(1_100_000) } }))).status).toBe(413);
    expect((await post('[1,2]')).status).toBe(400);
    await platform.close();
  });
});

describe('serve', () => {
  it('keeps the dev key only on loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'example.com']) expect(isLoopback(h), h).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('counts per key in fixed windows and says when to come back', () => {
    const limiter = new RateLimiter(2, 60);
    const t0 = Date.parse('2026-11-01T00:00:10Z');
    expect(limiter.take('a', t0)).toMatchObject({ allowed: true, remaining: 1, reset: t0 / 1000 + 50 });
    expect(limiter.take('a', t0 + 1000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('a', t0 + 2000)).toMatchObject({ allowed: false, remaining: 0, retryAfter: 48 });
    expect(limiter.take('b', t0 + 2000)).toMatchObject({ allowed: true });
    expect(limiter.take('a', t0 + 50_000)).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe('If-Match', () => {
  it('reads "3", 3 and W/"3"; * and absent mean no precondition', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(null)).toBeUndefined();
    expect(() => parseIfMatch('"three"')).toThrow();
  });
});

describe('JsonDocument', () => {
  it('an update that throws or fails to write changes nothing, in memory or on disk', async () => {
    const file = path.join(sub('doc'), 'doc.json');
    const doc = new JsonDocument<{ n: number }>(file, () => ({ n: 1 }));
    expect(await doc.read()).toEqual({ n: 1 });
    await expect(
      doc.update((d) => {
        d.n = 99;
        throw new Error('halfway');
      }),
    ).rejects.toThrow('halfway');
    expect(await doc.read()).toEqual({ n: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 1 });

    // the rename cannot replace a non-empty directory: the write fails after the temp file is written
    fs.rmSync(file);
    fs.mkdirSync(path.join(file, 'blocker'), { recursive: true });
    await expect(doc.update((d) => ({ next: { n: d.n + 1 }, result: null }))).rejects.toThrow();
    expect(await doc.read()).toEqual({ n: 1 });
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('serialises concurrent updates', async () => {
    const file = path.join(sub('doc'), 'doc.json');
    const doc = new JsonDocument<{ n: number }>(file, () => ({ n: 0 }));
    await Promise.all(Array.from({ length: 50 }, () => doc.update((d) => ({ next: { n: d.n + 1 }, result: null }))));
    expect(await doc.read()).toEqual({ n: 50 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 50 });
  });
});

describe('PagesStore', () => {
  it('keeps versions, paginates newest first with exact cursors, and refuses forged cursors', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const store = new PagesStore(path.join(sub('pages'), 'pages.json'), () => new Date(clock));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      // two pages per instant: ties are broken by id
      if (i % 2 === 0) clock += 1000;
      ids.push((await store.create({ name: `p${i}`, tags: i % 2 ? ['odd'] : [], declared_queries: [], spec: {} })).id);
    }
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 2, cursor });
      walked.push(...page.items.map((p) => p.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(walked.sort()).toEqual([...ids].sort());
    expect((await store.list({ limit: 50, tag: 'odd' })).items).toHaveLength(2);
    await expect(store.list({ limit: 2, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'invalid_argument' });
    const updated = await store.update(ids[0]!, { name: 'renamed' }, 1);
    expect(updated.version).toBe(2);
    await expect(store.update(ids[0]!, { name: 'again' }, 1)).rejects.toMatchObject({ code: 'failed_precondition' });
  });

  it('reads the seed pages exactly as they are', async () => {
    const seeds = await readSeedPages(path.join(process.cwd(), 'lib/local-platform/seed-pages'));
    const weekly = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'lib/local-platform/seed-pages/weekly-sentiment.json'), 'utf8'));
    expect(seeds.find((s) => s.name === 'Weekly sentiment')).toEqual({ ...weekly });
  });
});

describe('embed tokens', () => {
  it('verify, and fail closed when tampered, expired, for another page, unscoped, unsigned or revoked', async () => {
    const dir = sub('embed');
    const now = new Date();
    const { token } = await issueEmbedToken({ dir, business: 'demo', pageId: 'page_1', audience: 'workspace', ttlSeconds: 600, now, origins: [] });
    expect(await verifyEmbedToken(token, { dir })).toMatchObject({ pageId: 'page_1', business: 'demo', audience: 'workspace', scope: ['pages:view'] });
    expect(await verifyEmbedToken(token, { dir, pageId: 'page_2' })).toBeNull();
    expect(await verifyEmbedToken(token, { dir, now: new Date(now.getTime() + 601_000) })).toBeNull();
    // Tamper with the signature's first character: its last one carries two padding bits, and a change there may decode the same.
    const [head, body, signature] = token.split('.');
    const tampered = `${head}.${body}.${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
    expect(await verifyEmbedToken(tampered, { dir })).toBeNull();
    expect(await verifyEmbedToken(undefined, { dir })).toBeNull();

    const secret = (await embedSecret(dir, 'demo'))!;
    const forge = (payload: Record<string, unknown>, kid = 'demo') =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', kid })
        .setIssuer('amdahl-local-platform')
        .setAudience('amdahl-pages-embed')
        .setSubject('page_1')
        .setJti('emb_x')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(secret);
    expect(await verifyEmbedToken(await forge({ business: 'demo', audience: 'public', scope: [] }), { dir })).toBeNull();
    expect(await verifyEmbedToken(await forge({ business: 'other', audience: 'public', scope: ['pages:view'] }), { dir })).toBeNull();
    expect(await verifyEmbedToken(await forge({ business: 'demo', audience: 'public', scope: ['pages:view'] }, '../demo'), { dir })).toBeNull();
    expect(await verifyEmbedToken(await forge({ business: 'demo', audience: 'public', scope: ['pages:view'] }), { dir })).not.toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none","kid":"demo"}').toString('base64url')}.${token.split('.')[1]}.`;
    expect(await verifyEmbedToken(unsigned, { dir })).toBeNull();

    await rotateEmbedSecret(dir, 'demo');
    expect(await verifyEmbedToken(token, { dir })).toBeNull();
  });
});

describe('webhook signatures', () => {
  it('are the hex HMAC-SHA256 of the raw body', () => {
    const body = '{"id":"evt_1","type":"page.created"}';
    expect(signWebhookBody('whsec_x', body)).toBe(createHmac('sha256', 'whsec_x').update(body).digest('hex'));
    expect(signWebhookBody('whsec_x', body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('seed', () => {
  it('is one fixed script per business profile', () => {
    expect(seedSql(profileFor('demo'))).toBe(seedSql(DEMO_PROFILE));
    expect(seedSql(profileFor('acme'))).toBe(seedSql(profileFor('acme')));
    expect(seedSql(profileFor('acme'))).not.toBe(seedSql(profileFor('other')));
    expect(profileFor('demo').rows).toBeGreaterThanOrEqual(100_000);
    expect(profileFor('other').rows).toBe(20_000);
    expect(seedSql(DEMO_PROFILE)).not.toMatch(/random\(/);
  });
});

describe('node-adapter', () => {
  it('round-trips method, URL, headers, a streamed body, several cookies and status', async () => {
    const seen: { method: string; url: string; body: string; header: string | null }[] = [];
    const server = createServer(
      toNodeListener(async (req) => {
        seen.push({ method: req.method, url: req.url, body: await req.text(), header: req.headers.get('x-test') });
        const headers = new Headers({ 'content-type': 'text/plain' });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response('hello', { status: 201, headers });
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/a/b?c=d`, { method: 'POST', body: 'x'.repeat(200_000), headers: { 'x-test': 'yes' } });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('hello');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(seen[0]).toEqual({ method: 'POST', url: `http://127.0.0.1:${port}/a/b?c=d`, body: 'x'.repeat(200_000), header: 'yes' });
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers 500 without detail when the handler throws', async () => {
    const server = createServer(
      toNodeListener(async () => {
        throw new Error('secret detail');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('exports the two halves', () => {
    expect(typeof toWebRequest).toBe('function');
    expect(typeof sendWebResponse).toBe('function');
  });
});
