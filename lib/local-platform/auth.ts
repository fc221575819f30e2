import { createHash } from 'node:crypto';
import type { SliceRules } from '../embed/slice-rules';
import { ApiError } from './errors';
import { DEV_BUSINESS, DEV_KEY, SCOPES, type ApiKeyConfig, type Scope } from './options';

export interface Caller {
  /** A stable, non-secret name for the key (rate-limit bucket, logs). */
  keyId: string;
  business: string;
  scopes: ReadonlySet<Scope>;
  /** The slice of the business's rows this key may see; none means all of them. */
  rules?: SliceRules;
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Keys are looked up by their SHA-256, so the comparison's timing says
 * nothing about how much of a guessed key was right.
 */
export class KeyRing {
  private readonly byDigest = new Map<string, Caller>();

  constructor(keys: ApiKeyConfig[], allowDevKey: boolean) {
    if (allowDevKey) {
      this.byDigest.set(digest(DEV_KEY), { keyId: 'dev', business: DEV_BUSINESS, scopes: new Set(SCOPES) });
    }
    for (const k of keys) {
      const d = digest(k.key);
      this.byDigest.set(d, {
        keyId: k.name ?? `key-${d.slice(0, 8)}`,
        business: k.business,
        scopes: new Set(k.scopes),
        ...(k.rules ? { rules: k.rules } : {}),
      });
    }
  }

  /** The key with this non-secret id, if it is still configured (an embed token names the key that minted it). */
  byId(keyId: string): Caller | undefined {
    for (const caller of this.byDigest.values()) if (caller.keyId === keyId) return caller;
    return undefined;
  }

  /** The businesses some key can reach. */
  businesses(): string[] {
    return [...new Set([...this.byDigest.values()].map((c) => c.business))];
  }

  /** The key itself, without a request: the app asks whose data its own key reads. */
  lookup(key: string): Caller | undefined {
    return this.byDigest.get(digest(key));
  }

  authenticate(header: string | null): Caller {
    if (!header) throw new ApiError('unauthenticated', 'missing API key: send Authorization: Bearer <key>');
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!m) throw new ApiError('unauthenticated', 'malformed Authorization header: expected Bearer <key>');
    const caller = this.byDigest.get(digest(m[1]!));
    if (!caller) throw new ApiError('unauthenticated', 'unknown API key');
    return caller;
  }
}

export function requireScope(caller: Caller, scope: Scope): void {
  if (!caller.scopes.has(scope)) {
    throw new ApiError('permission_denied', `this key lacks the ${scope} scope`, { required_scope: scope });
  }
}
