/**
 * The studio's session cookie: an encrypted JWT (JWE, `dir` + A256GCM). It
 * may carry the author's own API key, so it is encrypted, not just signed:
 * the browser holds an opaque value it can neither read nor alter. The
 * content key comes from AMDAHL_SESSION_SECRET (through HKDF) or, without
 * one, from a random value of this process (sessions then end with it).
 *
 * Sessions end at an absolute time (no sliding renewal) and on sign-out: a
 * signed-out session id is refused until the time it would have expired.
 */
import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

const ISSUER = 'amdahl-pages-studio';
const AUDIENCE = 'amdahl-pages-studio/session';

export type SessionMode = 'key' | 'password';

export interface StudioSession {
  /** Opaque id of this session (sign-out revokes it). */
  id: string;
  /** How it was opened: with a platform key (which the author then works with) or the operator's password. */
  mode: SessionMode;
  /** Only in `key` mode: the author's API key, for the server to call the platform with. */
  apiKey?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface SessionSealer {
  seal(session: { mode: SessionMode; apiKey?: string }): Promise<{ token: string; maxAge: number; session: StudioSession }>;
  /** The session a cookie value carries, or undefined when it is missing, altered, sealed by another secret, expired or signed out. */
  open(token: string | undefined): Promise<StudioSession | undefined>;
  /** Refuses this session from now on (until it would have expired anyway). */
  revoke(session: StudioSession): void;
}

export interface SessionSealerOptions {
  /** AMDAHL_SESSION_SECRET: 32+ characters, or undefined for a per-process random key. */
  secret?: string;
  lifetimeSeconds: number;
  now?: () => Date;
}

/** 32 bytes for A256GCM, derived so the same secret never doubles as another key elsewhere. */
function contentKey(secret: string | undefined): Uint8Array {
  if (secret === undefined) return randomBytes(32);
  if (secret.length < 32) throw new Error('AMDAHL_SESSION_SECRET must be at least 32 characters');
  return new Uint8Array(hkdfSync('sha256', secret, 'amdahl-pages-studio', 'session cookie (dir+A256GCM)', 32));
}

export function createSessionSealer({ secret, lifetimeSeconds, now = () => new Date() }: SessionSealerOptions): SessionSealer {
  const key = contentKey(secret);
  // Signed-out session ids, each until its expiry: small, and pruned as they lapse.
  const revoked = new Map<string, number>();
  const nowSeconds = () => Math.floor(now().getTime() / 1000);

  function prune(at: number): void {
    for (const [id, until] of revoked) if (until <= at) revoked.delete(id);
  }

  return {
    async seal({ mode, apiKey }) {
      const issuedAt = nowSeconds();
      const session: StudioSession = { id: randomUUID(), mode, ...(mode === 'key' && apiKey ? { apiKey } : {}), expiresAt: issuedAt + lifetimeSeconds };
      const token = await new EncryptJWT({ mode, ...(session.apiKey ? { key: session.apiKey } : {}) })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setJti(session.id)
        .setIssuedAt(issuedAt)
        .setExpirationTime(session.expiresAt)
        .encrypt(key);
      return { token, maxAge: lifetimeSeconds, session };
    },
    async open(token) {
      if (!token) return undefined;
      try {
        const { payload } = await jwtDecrypt(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          currentDate: now(),
          requiredClaims: ['jti', 'exp', 'iat'],
        });
        const mode = payload.mode;
        if (mode !== 'key' && mode !== 'password') return undefined;
        if (mode === 'key' && typeof payload.key !== 'string') return undefined;
        // A lifetime is absolute: a token claiming a longer one than this server grants is not one it sealed.
        if (payload.exp! - payload.iat! > lifetimeSeconds) return undefined;
        const id = payload.jti!;
        if (revoked.has(id)) return undefined;
        return { id, mode, ...(mode === 'key' ? { apiKey: payload.key as string } : {}), expiresAt: payload.exp! };
      } catch {
        return undefined;
      }
    },
    revoke(session) {
      const at = nowSeconds();
      prune(at);
      if (session.expiresAt > at) revoked.set(session.id, session.expiresAt);
    },
  };
}
