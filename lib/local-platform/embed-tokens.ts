/**
 * The local platform's embed tokens, through the one token service
 * (lib/embed/tokens): HS256, signed with the business's own secret from the
 * data directory, the business named in `kid`. Rotating that secret revokes
 * every token the business issued.
 */
import { localEmbedSecret, localKeyring, rotateLocalEmbedSecret } from '../embed/keys';
import { LOCAL_ISSUER, signEmbedToken, verifyEmbedToken as verifyToken, type EmbedClaims, type EmbedGrant } from '../embed/tokens';

export type { EmbedAudience, EmbedClaims } from '../embed/tokens';
export { EMBED_SCOPE } from '../embed/tokens';

/** The business's signing secret, created on first use. It lives only in the data directory. */
export const embedSecret = localEmbedSecret;
/** Replaces the business's secret: every token issued before stops verifying. */
export const rotateEmbedSecret = rotateLocalEmbedSecret;

export interface IssueEmbedTokenInput extends Omit<EmbedGrant, 'pageVersion' | 'params' | 'origins' | 'business'> {
  dir: string;
  business: string;
  ttlSeconds: number;
  origins?: string[];
  params?: Record<string, string>;
  pageVersion?: number | 'latest';
  now: Date;
}

export async function issueEmbedToken(input: IssueEmbedTokenInput): Promise<{ token: string; expiresAt: Date }> {
  const key = await localKeyring(input.dir, input.business).signing();
  if (!key) throw new Error(`no embed secret for business ${input.business}`);
  const { dir: _dir, ttlSeconds, now, ...grant } = input;
  return signEmbedToken(
    { ...grant, origins: grant.origins ?? [], params: grant.params ?? {}, pageVersion: grant.pageVersion ?? 'latest', issuer: LOCAL_ISSUER, ttlSeconds, now },
    key,
  );
}

export interface VerifyEmbedTokenOptions {
  /** The local platform's data directory (where each business's secret is). */
  dir: string;
  /** When given, the token must be for this page. */
  pageId?: string;
  now?: Date;
}

/** What a token of this platform grants, or null (fails closed; see lib/embed/tokens). */
export async function verifyEmbedToken(token: string | null | undefined, options: VerifyEmbedTokenOptions): Promise<EmbedClaims | null> {
  const result = await verifyToken(token, localKeyring(options.dir), { pageId: options.pageId, now: options.now });
  return result.ok && result.claims.issuer === LOCAL_ISSUER ? result.claims : null;
}
