/** The one embed token service: signing, verifying, key rotation with a grace period, slices and params. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkEmbedParams, mergeEmbedParams } from '../../lib/embed/embed-params';
import { frameAncestors, normaliseOrigin } from '../../lib/embed/framing';
import { appKeyId, appKeyringFromEnv, combineKeyrings, localEmbedSecret, localKeyring, rotateLocalEmbedSecret } from '../../lib/embed/keys';
import { intersectSlices, parseSliceRules, sliceKey, sliceWithin } from '../../lib/embed/slice-rules';
import { APP_ISSUER, LOCAL_ISSUER, signEmbedToken, verifyEmbedToken, type SignInput } from '../../lib/embed/tokens';
import type { DeclaredQuery } from '../../lib/spec/page-model';

const SECRET_A = 'a'.repeat(40);
const SECRET_B = 'b'.repeat(40);

function grant(overrides: Partial<SignInput> = {}): SignInput {
  return { issuer: APP_ISSUER, pageId: 'page_1', pageVersion: 'latest', audience: 'self', origins: [], params: {}, ttlSeconds: 600, ...overrides };
}

describe('app keyring and rotation', () => {
  it('signs with the current secret and accepts the previous one only until its end date', async () => {
    const old = appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_A })!;
    const oldToken = (await signEmbedToken(grant(), (await old.signing())!)).token;
    const rotated = appKeyringFromEnv({
      AMDAHL_EMBED_SECRET: SECRET_B,
      AMDAHL_EMBED_SECRET_PREVIOUS: SECRET_A,
      AMDAHL_EMBED_PREVIOUS_UNTIL: new Date(Date.now() + 60_000).toISOString(),
    })!;
    expect((await rotated.signing())!.kid).toBe(appKeyId(SECRET_B));
    expect((await verifyEmbedToken(oldToken, rotated)).ok).toBe(true);
    const later = await verifyEmbedToken(oldToken, rotated, { now: new Date(Date.now() + 61_000) });
    expect(later).toMatchObject({ ok: false });
    // After the grace period the old secret is simply gone.
    expect((await verifyEmbedToken(oldToken, appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_B })!)).ok).toBe(false);
    const fresh = (await signEmbedToken(grant(), (await rotated.signing())!)).token;
    expect((await verifyEmbedToken(fresh, rotated, { now: new Date(Date.now() + 61_000) })).ok).toBe(true);
  });

  it('refuses short secrets and a previous secret without an end date, with the reason', () => {
    expect(() => appKeyringFromEnv({ AMDAHL_EMBED_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_B, AMDAHL_EMBED_SECRET_PREVIOUS: SECRET_A })).toThrow(/AMDAHL_EMBED_PREVIOUS_UNTIL/);
    expect(appKeyringFromEnv({})).toBeUndefined();
  });

  it('a kid names the key without revealing the secret', () => {
    expect(appKeyId(SECRET_A)).toMatch(/^app\.[0-9a-f]{12}$/);
    expect(appKeyId(SECRET_A)).not.toContain(SECRET_A.slice(0, 6));
    expect(appKeyId(SECRET_A)).not.toBe(appKeyId(SECRET_B));
  });
});

describe('verification fails closed', () => {
  it('on tampering, expiry, another page, none, a wrong issuer for the key, and an unenforceable slice', async () => {
    const ring = appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_A })!;
    const key = (await ring.signing())!;
    const { token } = await signEmbedToken(grant({ rules: { channel: ['email'] } }), key);
    const ok = await verifyEmbedToken(token, ring, { pageId: 'page_1' });
    expect(ok).toMatchObject({ ok: true, claims: { pageId: 'page_1', rules: { channel: ['email'] }, issuer: APP_ISSUER } });

    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...payload, rules: undefined })).toString('base64url');
    expect((await verifyEmbedToken(`${h}.${widened}.${s}`, ring)).ok).toBe(false);
    expect((await verifyEmbedToken(`${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`, ring)).ok).toBe(false);
    expect((await verifyEmbedToken(token, ring, { pageId: 'page_2' })).ok).toBe(false);
    expect((await verifyEmbedToken(token, ring, { now: new Date(Date.now() + 601_000) })).ok).toBe(false);
    for (const bad of [undefined, '', 'x', 'a.b.c', 'x'.repeat(9000)]) expect((await verifyEmbedToken(bad, ring)).ok).toBe(false);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url')}.${p}.`;
    expect((await verifyEmbedToken(unsigned, ring)).ok).toBe(false);

    // Correctly signed, but claims the local issuer with an app key: refused.
    const forged = await new SignJWT({ ...payload, iss: undefined, aud: undefined, sub: undefined, jti: undefined, iat: undefined, exp: undefined })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience('amdahl-pages-embed')
      .setSubject('page_1')
      .setJti('emb_x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.secret);
    expect(await verifyEmbedToken(forged, ring)).toMatchObject({ ok: false });
    // Correctly signed with a slice on a column that cannot be enforced: refused, never widened.
    const badSlice = await signEmbedToken(grant({ rules: { amount: ['1'] } as never }), key);
    expect(await verifyEmbedToken(badSlice.token, ring)).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be enforced/) });
  });

  it('local tokens: the business in the kid and the payload must agree; rotation revokes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'embed-keys-'));
    const key = (await localKeyring(dir, 'demo').signing())!;
    expect(key.kid).toBe('demo');
    const { token } = await signEmbedToken(grant({ issuer: LOCAL_ISSUER, business: 'demo' }), key);
    expect((await verifyEmbedToken(token, localKeyring(dir))).ok).toBe(true);
    const otherBusiness = await signEmbedToken(grant({ issuer: LOCAL_ISSUER, business: 'other' }), key);
    expect((await verifyEmbedToken(otherBusiness.token, localKeyring(dir))).ok).toBe(false);
    // An app ring does not know business keys, and a combined ring still refuses what neither signed.
    expect((await verifyEmbedToken(token, appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_A })!)).ok).toBe(false);
    expect((await verifyEmbedToken(token, combineKeyrings(appKeyringFromEnv({ AMDAHL_EMBED_SECRET: SECRET_A }), localKeyring(dir)))).ok).toBe(true);
    await rotateLocalEmbedSecret(dir, 'demo');
    expect((await verifyEmbedToken(token, localKeyring(dir))).ok).toBe(false);
    expect(await localEmbedSecret(dir, '../demo')).toBeUndefined();
  });

  it('a ring in use sees a rotated or replaced secret on its very next lookup', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'embed-keys-'));
    const ring = localKeyring(dir, 'demo');
    const first = (await signEmbedToken(grant({ issuer: LOCAL_ISSUER, business: 'demo' }), (await ring.signing())!)).token;
    expect((await verifyEmbedToken(first, ring)).ok).toBe(true);
    await rotateLocalEmbedSecret(dir, 'demo');
    expect((await verifyEmbedToken(first, ring)).ok).toBe(false);
    const second = (await signEmbedToken(grant({ issuer: LOCAL_ISSUER, business: 'demo' }), (await ring.signing())!)).token;
    expect((await verifyEmbedToken(second, ring)).ok).toBe(true);
    // Replaced in place by an operator (same file, new bytes): refused at once too.
    writeFileSync(path.join(dir, 'businesses', 'demo', 'embed-secret'), `${'ab'.repeat(32)}\n`);
    expect((await verifyEmbedToken(second, ring)).ok).toBe(false);
  });
});

describe('slices', () => {
  it('parse to one canonical form and refuse what cannot be enforced', () => {
    expect(parseSliceRules({ topic: 'billing', channel: ['web', 'email', 'web'] })).toEqual({ ok: true, rules: { channel: ['email', 'web'], topic: ['billing'] } });
    expect(parseSliceRules({})).toEqual({ ok: true, rules: undefined });
    expect(parseSliceRules(undefined)).toEqual({ ok: true, rules: undefined });
    expect(parseSliceRules({ amount: '5' })).toMatchObject({ ok: false, message: expect.stringMatching(/rules\.amount: cannot be enforced/) });
    expect(parseSliceRules({ channel: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseSliceRules({ channel: 5 })).toMatchObject({ ok: false });
    expect(parseSliceRules(['channel'])).toMatchObject({ ok: false });
    expect(sliceKey(parseSliceRules({ topic: 'a', channel: 'b' }).ok ? { channel: ['b'], topic: ['a'] } : undefined)).toBe(sliceKey({ topic: ['a'], channel: ['b'] }));
    expect(sliceKey(undefined)).toBe('*');
  });

  it('intersect narrowly, and an applied slice must be within the requested one', () => {
    expect(intersectSlices({ channel: ['email', 'chat'] }, { channel: ['chat', 'web'], topic: ['billing'] })).toEqual({ rules: { channel: ['chat'], topic: ['billing'] } });
    expect(intersectSlices({ channel: ['email'] }, { channel: ['web'] })).toEqual({ rules: undefined, empty: 'channel' });
    expect(intersectSlices(undefined, { channel: ['web'] })).toEqual({ rules: { channel: ['web'] } });
    expect(sliceWithin({ channel: ['email'] }, { channel: ['email', 'chat'] })).toBe(true);
    expect(sliceWithin({ channel: ['email', 'web'] }, { channel: ['email'] })).toBe(false);
    expect(sliceWithin(undefined, { channel: ['email'] })).toBe(false);
    expect(sliceWithin({ topic: ['billing'] }, { channel: ['email'] })).toBe(false);
    expect(sliceWithin(undefined, undefined)).toBe(true);
  });
});

describe('params and framing', () => {
  const queries: DeclaredQuery[] = [
    { name: 'a', source: 'sql', sql: 'SELECT 1 FROM interactions WHERE channel = @channel', params: { channel: ['email', 'chat'] } },
    { name: 'b', source: 'sql', sql: 'SELECT 1 FROM interactions WHERE duration_s > @min', params: { min: 'integer' } },
  ];
  it('a viewer cannot change a pinned value, repeat a param, or give one the page does not declare or refuses', () => {
    expect(mergeEmbedParams({ channel: 'email' }, new URLSearchParams('token=t&theme=dark&min=5'))).toEqual({ ok: true, params: { channel: 'email', min: '5' } });
    expect(mergeEmbedParams({ channel: 'email' }, new URLSearchParams('channel=email'))).toMatchObject({ ok: true });
    expect(mergeEmbedParams({ channel: 'email' }, new URLSearchParams('channel=chat'))).toMatchObject({ ok: false, reason: expect.stringMatching(/pinned/) });
    expect(mergeEmbedParams({}, new URLSearchParams('min=1&min=2'))).toMatchObject({ ok: false });
    expect(checkEmbedParams({ channel: 'chat', min: '10' }, queries)).toMatchObject({ ok: true });
    expect(checkEmbedParams({ channel: 'phone' }, queries)).toMatchObject({ ok: false, reason: expect.stringMatching(/one of/) });
    expect(checkEmbedParams({ min: "1; DROP TABLE x" }, queries)).toMatchObject({ ok: false });
    expect(checkEmbedParams({ region: 'eu' }, queries)).toMatchObject({ ok: false, reason: expect.stringMatching(/not declared/) });
  });

  it('frame-ancestors: the token origins, none without them, anyone for a public token without them', () => {
    expect(frameAncestors('self', ['https://a.example', 'http://127.0.0.1:4000'])).toBe('frame-ancestors https://a.example http://127.0.0.1:4000');
    expect(frameAncestors('self', [])).toBe("frame-ancestors 'none'");
    expect(frameAncestors('workspace', [])).toBe("frame-ancestors 'none'");
    expect(frameAncestors('public', [])).toBe('frame-ancestors *');
    // Nothing that could smuggle another directive survives.
    expect(frameAncestors('self', ["https://a.example; script-src 'unsafe-inline'"])).toBe("frame-ancestors 'none'");
    expect(normaliseOrigin('https://Example.com/')).toBe('https://example.com');
    expect(normaliseOrigin('https://example.com/path')).toBeUndefined();
    expect(normaliseOrigin('javascript:alert(1)')).toBeUndefined();
  });
});
