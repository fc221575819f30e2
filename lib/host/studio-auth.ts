/**
 * Sign-in for the studio when it listens beyond loopback. On a laptop
 * (loopback) nobody else can reach it and no sign-in is asked. Beyond it,
 * every studio page and route needs a session, opened by presenting an API
 * key the platform accepts. The session cookie holds a signed, short-lived
 * token naming a hash of the key, never the key itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { isLoopback } from '../local-platform/serve';

export const SESSION_COOKIE = 'amdahl_studio_session';
const ISSUER = 'amdahl-pages-studio';
const SESSION_SECONDS = 12 * 60 * 60;

export interface StudioAuth {
  /** False on loopback: the studio is open to this machine only. */
  readonly required: boolean;
  /** Checks the key with the platform; answers the cookie value of a new session. */
  signIn(apiKey: string): Promise<{ ok: true; token: string; maxAge: number } | { ok: false; message: string }>;
  /** Whether a cookie value is a live session (always true when no sign-in is required). */
  verify(token: string | undefined): Promise<boolean>;
}

export interface StudioAuthOptions {
  env: Record<string, string | undefined>;
  /** Whether the platform accepts this key for reading pages. */
  keyWorks(apiKey: string): Promise<boolean>;
  now?: () => Date;
}

export function createStudioAuth({ env, keyWorks, now = () => new Date() }: StudioAuthOptions): StudioAuth {
  const required = !isLoopback(env.AMDAHL_LISTEN_HOST?.trim() || '127.0.0.1');
  const configured = env.AMDAHL_SESSION_SECRET?.trim();
  if (required && configured !== undefined && configured.length < 32) {
    throw new Error('AMDAHL_SESSION_SECRET must be at least 32 characters');
  }
  // Without a configured secret, sessions last as long as this process.
  const secret = configured ? new TextEncoder().encode(configured) : randomBytes(32);

  return {
    required,
    async signIn(apiKey) {
      const key = apiKey.trim();
      if (!key) return { ok: false, message: 'Enter an API key' };
      let works = false;
      try {
        works = await keyWorks(key);
      } catch {
        works = false;
      }
      if (!works) return { ok: false, message: 'The platform did not accept that key for reading pages' };
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ key: createHash('sha256').update(key).digest('hex').slice(0, 16) })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + SESSION_SECONDS)
        .sign(secret);
      return { ok: true, token, maxAge: SESSION_SECONDS };
    },
    async verify(token) {
      if (!required) return true;
      if (!token) return false;
      try {
        await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ['HS256'], currentDate: now() });
        return true;
      } catch {
        return false;
      }
    },
  };
}
