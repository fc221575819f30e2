/** The studio's sign-in: off on loopback; beyond it, a session only for a key the platform accepts, signed and short-lived. */
import { describe, expect, it } from 'vitest';
import { createStudioAuth } from '../../lib/host/studio-auth';

const GOOD = 'amdhl_0123456789abcdef';
const keyWorks = async (key: string) => key === GOOD;

describe('studio sign-in', () => {
  it('is not asked on loopback', async () => {
    for (const host of [undefined, '127.0.0.1', 'localhost', '::1']) {
      const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: host }, keyWorks });
      expect(auth.required).toBe(false);
      expect(await auth.verify(undefined)).toBe(true);
    }
  });

  it('beyond loopback opens a session only for a working key, and the token never holds the key', async () => {
    const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks });
    expect(auth.required).toBe(true);
    expect(await auth.verify(undefined)).toBe(false);
    expect(await auth.signIn('amdhl_wrong')).toEqual({ ok: false, message: 'The platform did not accept that key for reading pages' });
    expect((await auth.signIn('  ')).ok).toBe(false);
    const failing = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks: async () => Promise.reject(new Error('down')) });
    expect((await failing.signIn(GOOD)).ok).toBe(false);

    const session = await auth.signIn(GOOD);
    expect(session.ok).toBe(true);
    if (!session.ok) return;
    expect(session.token).not.toContain(GOOD);
    expect(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()).not.toContain(GOOD);
    expect(await auth.verify(session.token)).toBe(true);
    const [h, b, s] = session.token.split('.');
    expect(await auth.verify(`${h}.${b}.${s![0] === 'A' ? 'B' : 'A'}${s!.slice(1)}`)).toBe(false);
    // Another process (another secret) does not accept it.
    expect(await createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0' }, keyWorks }).verify(session.token)).toBe(false);
  });

  it('sessions expire after 12 hours', async () => {
    let now = new Date('2026-11-29T00:00:00Z');
    const auth = createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '10.0.0.5', AMDAHL_SESSION_SECRET: 'x'.repeat(40) }, keyWorks, now: () => now });
    const session = await auth.signIn(GOOD);
    if (!session.ok) throw new Error('sign-in failed');
    now = new Date('2026-11-29T11:59:00Z');
    expect(await auth.verify(session.token)).toBe(true);
    now = new Date('2026-11-29T12:00:01Z');
    expect(await auth.verify(session.token)).toBe(false);
  });

  it('refuses a short configured secret', () => {
    expect(() => createStudioAuth({ env: { AMDAHL_LISTEN_HOST: '0.0.0.0', AMDAHL_SESSION_SECRET: 'short' }, keyWorks })).toThrow(/32 characters/);
  });
});
