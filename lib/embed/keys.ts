/**
 * Where embed tokens' signing secrets come from. A token names its key in the
 * JWT `kid`; a keyring answers the secret for a kid, or nothing (the token is
 * then refused). Two rings exist:
 * - the local platform's: one secret per business, in its data directory
 *   (`kid` = the business); rotating the file revokes every token at once;
 * - the app's own (for a real platform, whose secret the app cannot know):
 *   `AMDAHL_EMBED_SECRET`, plus `AMDAHL_EMBED_SECRET_PREVIOUS` accepted until
 *   `AMDAHL_EMBED_PREVIOUS_UNTIL`, so a rotation revokes old links on the
 *   operator's schedule.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const BUSINESS_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const MIN_SECRET_BYTES = 32;

export interface SigningKey {
  kid: string;
  secret: Uint8Array;
}

export interface EmbedKeyring {
  /** The key new tokens are signed with, when this ring signs. */
  signing(): Promise<SigningKey | undefined>;
  /** The secret for a kid, if it is one of this ring's and still accepted at `now`. */
  lookup(kid: string, now: Date): Promise<Uint8Array | undefined>;
}

/** A kid derived from the secret by a keyed hash: stable across restarts, and says nothing about the secret. */
export function appKeyId(secret: string): string {
  return `app.${createHmac('sha256', secret).update('amdahl-embed-key-id').digest('hex').slice(0, 12)}`;
}

function secretBytes(value: string, name: string): Uint8Array {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length < MIN_SECRET_BYTES) throw new TypeError(`${name} must be at least ${MIN_SECRET_BYTES} characters (try: openssl rand -hex 32)`);
  return bytes;
}

/**
 * The app's ring from the environment, or undefined when no secret is set.
 * A previous secret without an end date is refused at start: a grace period
 * that never ends is no rotation.
 */
export function appKeyringFromEnv(env: Record<string, string | undefined>): EmbedKeyring | undefined {
  const current = env.AMDAHL_EMBED_SECRET?.trim();
  if (!current) return undefined;
  const currentKey: SigningKey = { kid: appKeyId(current), secret: secretBytes(current, 'AMDAHL_EMBED_SECRET') };
  const keys = new Map<string, { secret: Uint8Array; until?: number }>([[currentKey.kid, { secret: currentKey.secret }]]);
  const previous = env.AMDAHL_EMBED_SECRET_PREVIOUS?.trim();
  if (previous) {
    const untilText = env.AMDAHL_EMBED_PREVIOUS_UNTIL?.trim();
    const until = untilText ? Date.parse(untilText) : Number.NaN;
    if (!Number.isFinite(until)) {
      throw new TypeError('AMDAHL_EMBED_SECRET_PREVIOUS needs AMDAHL_EMBED_PREVIOUS_UNTIL, the moment old links stop working (an ISO date such as 2026-12-07T00:00:00Z)');
    }
    keys.set(appKeyId(previous), { secret: secretBytes(previous, 'AMDAHL_EMBED_SECRET_PREVIOUS'), until });
  }
  return {
    signing: async () => currentKey,
    lookup: async (kid, now) => {
      const key = keys.get(kid);
      if (!key || (key.until !== undefined && now.getTime() >= key.until)) return undefined;
      return key.secret;
    },
  };
}

function secretFile(dir: string, business: string): string {
  return path.join(dir, 'businesses', business, 'embed-secret');
}

async function readSecret(file: string): Promise<Uint8Array | undefined> {
  try {
    const bytes = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
    return bytes.length >= MIN_SECRET_BYTES ? bytes : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The business's secret, created on first use (two racing creators: one writes, both read it). */
export async function localEmbedSecret(dir: string, business: string, create = true): Promise<Uint8Array | undefined> {
  if (!BUSINESS_NAME.test(business)) return undefined;
  const file = secretFile(dir, business);
  const existing = await readSecret(file);
  if (existing || !create) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecret(file);
}

/** Replaces the business's secret: every token it signed before stops verifying. */
export async function rotateLocalEmbedSecret(dir: string, business: string): Promise<void> {
  const file = secretFile(dir, business);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  await fs.rename(temp, file);
}

/**
 * The local platform's ring: kid = business. Each lookup checks the secret
 * file's identity (inode, size, modification time: one stat, no read), so a
 * rotated or replaced secret revokes its tokens on the very next request.
 */
export function localKeyring(dir: string, business?: string): EmbedKeyring {
  const cache = new Map<string, { stamp: string; secret: Uint8Array | undefined }>();
  return {
    signing: async () => {
      if (!business) return undefined;
      const secret = await localEmbedSecret(dir, business, true);
      return secret ? { kid: business, secret } : undefined;
    },
    lookup: async (kid) => {
      if (!BUSINESS_NAME.test(kid)) return undefined;
      let stamp: string;
      try {
        const stat = await fs.stat(secretFile(dir, kid), { bigint: true });
        stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      const hit = cache.get(kid);
      if (hit && hit.stamp === stamp) return hit.secret;
      const secret = await localEmbedSecret(dir, kid, false);
      cache.set(kid, { stamp, secret });
      return secret;
    },
  };
}

/** Several rings as one: the first that knows a kid answers. */
export function combineKeyrings(...rings: (EmbedKeyring | undefined)[]): EmbedKeyring {
  const present = rings.filter((r): r is EmbedKeyring => r !== undefined);
  return {
    signing: async () => {
      for (const ring of present) {
        const key = await ring.signing();
        if (key) return key;
      }
      return undefined;
    },
    lookup: async (kid, now) => {
      for (const ring of present) {
        const secret = await ring.lookup(kid, now);
        if (secret) return secret;
      }
      return undefined;
    },
  };
}
