/** The studio's sign-in: off on loopback; beyond it, a session for a key the platform accepts (or the operator's password), encrypted, rate-limited and short-lived. */
import { describe, expect, it } from 'vitest';
import { createStudioAuth } from '../../lib/host/studio-auth';

const GOOD = 'amdhl_0123456789abcdef';
const keyWorks = async (key: string) => key === GOOD;
const IP = '192.0.2.7';

describe('studio sign-in', () => {
  it('is not asked on loopback', async () => {
    for (const host of [undefined, '127.0.0.1', 'localhost', '::1']) {
      const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: host }, keyWorks });
      expect(auth.required).toBe(false);
      expect(await auth.verify(undefined)).toBe(true);
    }
  });

  it('beyond loopback opens a session only for a working key; the session holds the key, the cookie does not show it', async () => {
    const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks });
    expect(auth.required).toBe(true);
    expect(auth.mode).toBe('key');
    expect(await auth.verify(undefined)).toBe(false);
    expect(await auth.signIn('amdhl_wrong', IP)).toEqual({ ok: false, status: 401, message: 'The platform did not accept that key for reading pages' });
    expect(await auth.signIn('  ', IP)).toEqual({ ok: false, status: 400, message: 'Enter an API key' });
    const failing = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks: async () => Promise.reject(new Error('down')) });
    expect((await failing.signIn(GOOD, IP)).ok).toBe(false);

    const result = await auth.signIn(` ${GOOD} `, IP);
    if (!result.ok) throw new Error(result.message);
    expect(result.token).not.toContain(GOOD);
    expect(await auth.verify(result.token)).toBe(true);
    expect((await auth.session(result.token))?.apiKey).toBe(GOOD);
    // Another process (another random secret) does not accept it.
    expect(await createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks }).verify(result.token)).toBe(false);
  });

  it('the sixth failed attempt from one address is refused without asking the platform; another address still may', async () => {
    let asked = 0;
    const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks: async (k) => (asked++, k === GOOD) });
    for (let i = 0; i < 5; i++) expect(await auth.signIn(`amdhl_guess_${i}`, IP)).toMatchObject({ ok: false, status: 401 });
    const sixth = await auth.signIn(GOOD, IP);
    expect(sixth).toMatchObject({ ok: false, status: 429 });
    expect(sixth.ok === false && sixth.status === 429 && sixth.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(asked).toBe(5);
    expect((await auth.signIn(GOOD, '192.0.2.8')).ok).toBe(true);
  });

  it('sessions expire after 12 hours; sign-out ends one at once', async () => {
    let now = new Date('2026-11-29T00:00:00Z');
    const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '10.0.0.5', AMDAHL_SESSION_SECRET: 'x'.repeat(40) }, keyWorks, now: () => now });
    const session = await auth.signIn(GOOD, IP);
    if (!session.ok) throw new Error('sign-in failed');
    expect(session.maxAge).toBe(12 * 3600);
    now = new Date('2026-11-29T11:59:00Z');
    expect(await auth.verify(session.token)).toBe(true);
    now = new Date('2026-11-29T12:00:01Z');
    expect(await auth.verify(session.token)).toBe(false);

    const other = await auth.signIn(GOOD, IP);
    if (!other.ok) throw new Error('sign-in failed');
    expect(await auth.verify(other.token)).toBe(true);
    await auth.signOut(other.token);
    expect(await auth.verify(other.token)).toBe(false);
  });

  it('with STUDIO_PASSWORD asks for the password, never the platform, and the session carries no key', async () => {
    let asked = 0;
    const env = { AMDAHL_LISTEN_HOST: '0.0.0.0', STUDIO_PASSWORD: 'correct horse battery', AMDAHL_SESSION_SECRET: 'y'.repeat(40) };
    const auth = createStudioAuth({ env, keyWorks: async () => (asked++, true) });
    expect(auth.mode).toBe('password');
    expect(await auth.signIn('correct horse', IP)).toEqual({ ok: false, status: 401, message: 'Wrong password' });
    expect(await auth.signIn(GOOD, IP)).toMatchObject({ ok: false, status: 401 });
    const result = await auth.signIn('correct horse battery', IP);
    if (!result.ok) throw new Error(result.message);
    expect(asked).toBe(0);
    expect(await auth.session(result.token)).toMatchObject({ mode: 'password' });
    expect((await auth.session(result.token))?.apiKey).toBeUndefined();
    // A session opened in key mode is not valid once the operator switched to a password (same secret).
    const keyMode = createStudioAuth({ env: { ...env, STUDIO_PASSWORD: undefined }, keyWorks });
    const keySession = await keyMode.signIn(GOOD, IP);
    if (!keySession.ok) throw new Error(keySession.message);
    expect(await keyMode.verify(keySession.token)).toBe(true);
    expect(await auth.verify(keySession.token)).toBe(false);
  });

  it('refuses a short configured secret', () => {
    expect(() => createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0', AMDAHL_SESSION_SECRET: 'short' }, keyWorks })).toThrow(/32 characters/);
  });
});
