/** The session cookie: encrypted (the key inside is unreadable), tamper-evident, bound to one secret, ended by its expiry or by sign-out. */
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSessionSealer } from '../../lib/host/studio-session';

const KEY = 'amdhl_author_a_0123456789abcdef';
const SECRET = 's'.repeat(40);
const HOUR = 3600;

function flip(token: string, part: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('studio session cookie', () => {
  it('carries the key only encrypted: dir + A256GCM, no readable trace of it', async () => {
    const sealer = createSessionSealer({ secret: SECRET, lifetimeSeconds: 12 * HOUR });
    const { token, session } = await sealer.seal({ mode: 'key', apiKey: KEY });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(token).not.toContain(KEY);
    for (const part of token.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(KEY);
    // Decrypting with the raw secret (not the derived key) fails: the cookie key is not the operator's text.
    await expect(compactDecrypt(token, new TextEncoder().encode(SECRET.slice(0, 32)))).rejects.toThrow();
    expect(await sealer.open(token)).toEqual(session);
    expect(session.apiKey).toBe(KEY);
    expect(session.mode).toBe('key');
  });

  it('refuses a tampered cookie, in any part', async () => {
    const sealer = createSessionSealer({ secret: SECRET, lifetimeSeconds: 12 * HOUR });
    const { token } = await sealer.seal({ mode: 'key', apiKey: KEY });
    for (const part of [0, 2, 3, 4]) expect(await sealer.open(flip(token, part))).toBeUndefined();
    expect(await sealer.open(token.slice(0, -2))).toBeUndefined();
    expect(await sealer.open('not.a.token')).toBeUndefined();
    expect(await sealer.open(undefined)).toBeUndefined();
    expect(await sealer.open(token)).toBeDefined();
  });

  it('refuses a cookie sealed with another secret, or by another process without one', async () => {
    const a = createSessionSealer({ secret: SECRET, lifetimeSeconds: HOUR });
    const b = createSessionSealer({ secret: 't'.repeat(40), lifetimeSeconds: HOUR });
    const { token } = await a.seal({ mode: 'password' });
    expect(await b.open(token)).toBeUndefined();
    expect(await createSessionSealer({ secret: SECRET, lifetimeSeconds: HOUR }).open(token)).toBeDefined();
    const random1 = createSessionSealer({ lifetimeSeconds: HOUR });
    const random2 = createSessionSealer({ lifetimeSeconds: HOUR });
    const sealed = await random1.seal({ mode: 'password' });
    expect(await random1.open(sealed.token)).toBeDefined();
    expect(await random2.open(sealed.token)).toBeUndefined();
  });

  it('expires at an absolute time, however often it is used', async () => {
    let now = new Date('2026-11-29T00:00:00Z');
    const sealer = createSessionSealer({ secret: SECRET, lifetimeSeconds: 12 * HOUR, now: () => now });
    const { token, maxAge } = await sealer.seal({ mode: 'key', apiKey: KEY });
    expect(maxAge).toBe(12 * HOUR);
    for (const at of ['2026-11-29T06:00:00Z', '2026-11-29T11:59:00Z']) {
      now = new Date(at);
      expect(await sealer.open(token)).toBeDefined();
    }
    now = new Date('2026-11-29T12:00:01Z');
    expect(await sealer.open(token)).toBeUndefined();
  });

  it('refuses a token that claims a longer life than this server grants', async () => {
    const long = createSessionSealer({ secret: SECRET, lifetimeSeconds: 48 * HOUR });
    const short = createSessionSealer({ secret: SECRET, lifetimeSeconds: 12 * HOUR });
    const { token } = await long.seal({ mode: 'password' });
    expect(await long.open(token)).toBeDefined();
    expect(await short.open(token)).toBeUndefined();
  });

  it('a signed-out session stays refused; other sessions do not', async () => {
    const sealer = createSessionSealer({ secret: SECRET, lifetimeSeconds: HOUR });
    const one = await sealer.seal({ mode: 'key', apiKey: KEY });
    const two = await sealer.seal({ mode: 'key', apiKey: KEY });
    sealer.revoke(one.session);
    expect(await sealer.open(one.token)).toBeUndefined();
    expect(await sealer.open(two.token)).toBeDefined();
  });

  it('refuses a short configured secret', () => {
    expect(() => createSessionSealer({ secret: 'short', lifetimeSeconds: HOUR })).toThrow(/32 characters/);
  });
});
