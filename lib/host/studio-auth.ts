/**
 * Sign-in for the studio when it listens beyond loopback. On a laptop
 * (loopback) nobody else can reach it and no sign-in is asked. Beyond it,
 * every studio page and route needs a session, opened one of two ways:
 *
 * - `key` (default): the author presents an API key the platform accepts.
 *   The session cookie carries that key encrypted (studio-session.ts), and
 *   the author's reads, queries, previews and saves go to the platform with
 *   it (app/_server/request-host.ts).
 * - `password`: the operator set STUDIO_PASSWORD. Sign-in asks for it
 *   (compared in constant time) and the studio works with the server's key.
 *
 * Failed attempts are limited per client address and globally
 * (sign-in-limiter.ts); sessions end after 12 hours, or at sign-out.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopback } from '../local-platform/serve';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter, type SignInLimits } from './sign-in-limiter';
import { createSessionSealer, type SessionMode, type StudioSession } from './studio-session';

export const SESSION_COOKIE = 'amdahl_studio_session';
export const SESSION_SECONDS = 12 * 60 * 60;
export type { StudioSession };

export type SignInResult =
  | { ok: true; token: string; maxAge: number }
  | { ok: false; status: 400 | 401; message: string }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

export interface StudioAuth {
  /** False on loopback: the studio is open to this machine only. */
  readonly required: boolean;
  /** What sign-in asks for: a platform key, or the operator's STUDIO_PASSWORD. */
  readonly mode: SessionMode;
  /** Checks the key (with the platform) or the password; answers the cookie value of a new session. `client` names the caller for the limiter (its address). */
  signIn(secret: string, client: string): Promise<SignInResult>;
  /** The live session a cookie value carries, or undefined. */
  session(token: string | undefined): Promise<StudioSession | undefined>;
  /** Whether a cookie value is a live session (always true when no sign-in is required). */
  verify(token: string | undefined): Promise<boolean>;
  /** Ends the session the cookie value carries, if it is one. */
  signOut(token: string | undefined): Promise<void>;
}

export interface StudioAuthOptions {
  env: Record<string, string | undefined>;
  /** Whether the platform accepts this key for reading pages. */
  keyWorks(apiKey: string): Promise<boolean>;
  now?: () => Date;
  limits?: SignInLimits;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function createStudioAuth({ env, keyWorks, now = () => new Date(), limits = DEFAULT_SIGN_IN_LIMITS }: StudioAuthOptions): StudioAuth {
  const required = !isLoopback(env.AMDAHL_LISTEN_HOST?.trim() || '127.0.0.1');
  const configured = env.AMDAHL_SESSION_SECRET?.trim() || undefined;
  if (required && configured !== undefined && configured.length < 32) {
    throw new Error('AMDAHL_SESSION_SECRET must be at least 32 characters');
  }
  const password = env.STUDIO_PASSWORD || undefined;
  const mode: SessionMode = password ? 'password' : 'key';
  // Without a configured secret, sessions last as long as this process.
  const sealer = createSessionSealer({ secret: required ? configured : undefined, lifetimeSeconds: SESSION_SECONDS, now });
  const limiter = new SignInLimiter(limits, () => now().getTime());

  async function accepts(secret: string): Promise<boolean> {
    // Digests have one length whatever was typed, so the comparison's time says nothing about the password.
    if (password !== undefined) return timingSafeEqual(digest(secret), digest(password));
    try {
      return await keyWorks(secret);
    } catch {
      return false;
    }
  }

  async function session(token: string | undefined): Promise<StudioSession | undefined> {
    const found = await sealer.open(token);
    // A session opened in the other mode (the operator switched) is not one this studio grants now.
    return found && found.mode === mode ? found : undefined;
  }

  return {
    required,
    mode,
    async signIn(input, client) {
      const secret = mode === 'key' ? input.trim() : input;
      if (!secret) return { ok: false, status: 400, message: mode === 'key' ? 'Enter an API key' : 'Enter the password' };
      const verdict = limiter.check(client);
      if (!verdict.allowed) {
        return { ok: false, status: 429, retryAfterSeconds: verdict.retryAfterSeconds, message: `Too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s` };
      }
      if (!(await accepts(secret))) {
        limiter.fail(client);
        return { ok: false, status: 401, message: mode === 'key' ? 'The platform did not accept that key for reading pages' : 'Wrong password' };
      }
      limiter.succeed(client);
      const sealed = await sealer.seal(mode === 'key' ? { mode, apiKey: secret } : { mode });
      return { ok: true, token: sealed.token, maxAge: sealed.maxAge };
    },
    session,
    async verify(token) {
      if (!required) return true;
      return (await session(token)) !== undefined;
    },
    async signOut(token) {
      const found = await sealer.open(token);
      if (found) sealer.revoke(found);
    },
  };
}
