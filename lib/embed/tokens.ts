/**
 * The one embed token service: HS256 JWTs (jose) with a key id. The local
 * platform signs with its per-business secret; the app signs its own tokens
 * (for a real platform) with AMDAHL_EMBED_SECRET. Verification fails closed:
 * anything missing, malformed, tampered, expired, unscoped, for another page,
 * or signed by a key the ring does not (or no longer) accept gives a refusal
 * with a reason for the server's log, never for the viewer.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { z } from 'zod';
import { BUSINESS_NAME, type EmbedKeyring, type SigningKey } from './keys';
import { parseSliceRules, type SliceRules } from './slice-rules';

export const EMBED_AUDIENCES = ['self', 'workspace', 'public'] as const;
export type EmbedAudience = (typeof EMBED_AUDIENCES)[number];

/** The JWT `aud` of every embed token. */
export const EMBED_JWT_AUDIENCE = 'amdahl-pages-embed';
export const LOCAL_ISSUER = 'amdahl-local-platform';
export const APP_ISSUER = 'amdahl-pages-studio';
/** The one permission an embed token grants. A token without it renders nothing. */
export const EMBED_SCOPE = 'pages:view';
const MAX_TOKEN_LENGTH = 8192;

export interface EmbedGrant {
  pageId: string;
  /** The page version the token shows, or the latest one. */
  pageVersion: number | 'latest';
  audience: EmbedAudience;
  /** Origins allowed to frame the embed (`https://example.com`). */
  origins: string[];
  /** The data slice every query of the page sees. */
  rules?: SliceRules;
  /** Param values fixed by the token: a viewer cannot change them. */
  params: Record<string, string>;
  /** The business whose data the token shows (local platform tokens). */
  business?: string;
  /** A non-secret name of the key that minted it. */
  mintedBy?: string;
}

export interface EmbedClaims extends EmbedGrant {
  issuer: typeof LOCAL_ISSUER | typeof APP_ISSUER;
  kid: string;
  scope: string[];
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type VerifyResult = { ok: true; claims: EmbedClaims } | { ok: false; reason: string };

const payloadSchema = z.object({
  sub: z.string().min(1).max(200),
  jti: z.string().min(1).max(200),
  iat: z.number(),
  exp: z.number(),
  scope: z.array(z.string()),
  audience: z.enum(EMBED_AUDIENCES),
  origins: z.array(z.string().max(300)).max(20).default([]),
  pv: z.union([z.number().int().positive(), z.literal('latest')]).default('latest'),
  params: z.record(z.string(), z.string()).default({}),
  rules: z.unknown().optional(),
  business: z.string().optional(),
  minted_by: z.string().optional(),
});

export interface SignInput extends EmbedGrant {
  issuer: EmbedClaims['issuer'];
  ttlSeconds: number;
  now?: Date;
}

export async function signEmbedToken(input: SignInput, key: SigningKey): Promise<{ token: string; expiresAt: Date; tokenId: string }> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const exp = iat + input.ttlSeconds;
  const tokenId = `emb_${randomBytes(9).toString('base64url')}`;
  const payload: Record<string, unknown> = {
    scope: [EMBED_SCOPE],
    audience: input.audience,
    origins: input.origins,
    pv: input.pageVersion,
    params: input.params,
  };
  if (input.rules) payload.rules = input.rules;
  if (input.business) payload.business = input.business;
  if (input.mintedBy) payload.minted_by = input.mintedBy;
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setIssuer(input.issuer)
    .setAudience(EMBED_JWT_AUDIENCE)
    .setSubject(input.pageId)
    .setJti(tokenId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.secret);
  return { token, expiresAt: new Date(exp * 1000), tokenId };
}

export interface VerifyOptions {
  /** When given, the token must be for this page. */
  pageId?: string;
  now?: Date;
}

function refuse(reason: string): VerifyResult {
  return { ok: false, reason };
}

export async function verifyEmbedToken(token: unknown, keyring: EmbedKeyring, options: VerifyOptions = {}): Promise<VerifyResult> {
  if (typeof token !== 'string' || token.length === 0) return refuse('no token');
  if (token.length > MAX_TOKEN_LENGTH) return refuse('token too long');
  const now = options.now ?? new Date();
  let kid: string;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'HS256' || typeof header.kid !== 'string') return refuse('not an HS256 token with a key id');
    kid = header.kid;
  } catch {
    return refuse('malformed token');
  }
  const secret = await keyring.lookup(kid, now);
  if (!secret) return refuse(`unknown or retired key id ${JSON.stringify(kid.slice(0, 80))}`);
  let raw: Record<string, unknown>;
  let issuer: string;
  try {
    const verified = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: [LOCAL_ISSUER, APP_ISSUER],
      audience: EMBED_JWT_AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    });
    raw = verified.payload as Record<string, unknown>;
    issuer = String(verified.payload.iss);
  } catch (error) {
    return refuse(`signature or claims refused: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return refuse('claims malformed');
  const p = parsed.data;
  if (!p.scope.includes(EMBED_SCOPE)) return refuse('token grants no embed scope');
  // A local token names its business in both the kid and the payload; they must agree.
  if (issuer === LOCAL_ISSUER && (!BUSINESS_NAME.test(kid) || p.business !== kid)) return refuse('business does not match the key');
  if (issuer === APP_ISSUER && !kid.startsWith('app.')) return refuse('app token signed by a business key');
  if (options.pageId !== undefined && p.sub !== options.pageId) return refuse('token is for another page');
  const rules = parseSliceRules(p.rules);
  if (!rules.ok) return refuse(`slice cannot be enforced: ${rules.message}`);
  return {
    ok: true,
    claims: {
      issuer: issuer as EmbedClaims['issuer'],
      kid,
      pageId: p.sub,
      pageVersion: p.pv,
      audience: p.audience,
      origins: p.origins,
      ...(rules.rules ? { rules: rules.rules } : {}),
      params: p.params,
      ...(p.business !== undefined ? { business: p.business } : {}),
      ...(p.minted_by !== undefined ? { mintedBy: p.minted_by } : {}),
      scope: p.scope,
      tokenId: p.jti,
      issuedAt: new Date(p.iat * 1000),
      expiresAt: new Date(p.exp * 1000),
    },
  };
}
