import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { BUSINESS_NAME } from './options';
import { newId } from './pages-store';

export type EmbedAudience = 'self' | 'workspace' | 'public';

const ISSUER = 'amdahl-local-platform';
const AUDIENCE = 'amdahl-pages-embed';
/** The one permission an embed token grants. A token without it renders nothing. */
export const EMBED_SCOPE = 'pages:view';

export interface EmbedClaims {
  pageId: string;
  business: string;
  audience: EmbedAudience;
  scope: string[];
  rules?: unknown;
  origins: string[];
  issuedAt: Date;
  expiresAt: Date;
  tokenId: string;
}

function secretFile(dir: string, business: string): string {
  return path.join(dir, 'businesses', business, 'embed-secret');
}

/**
 * The business's signing secret, created on first use. It lives only in the
 * data directory; rotating it (rotateEmbedSecret) revokes every embed token.
 */
export async function embedSecret(dir: string, business: string, create = true): Promise<Uint8Array | undefined> {
  const file = secretFile(dir, business);
  try {
    return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !create) return undefined;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    // 'wx': when two requests race, one creates the file and both read it.
    await fs.writeFile(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
}

/** Replaces the business's secret: every token issued before stops verifying. */
export async function rotateEmbedSecret(dir: string, business: string): Promise<void> {
  const file = secretFile(dir, business);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  await fs.rename(temp, file);
}

export interface IssueEmbedTokenInput {
  dir: string;
  business: string;
  pageId: string;
  audience: EmbedAudience;
  ttlSeconds: number;
  rules?: unknown;
  origins?: string[];
  now: Date;
}

/** An HS256 JWT signed with the business's secret; the business is named in `kid`. */
export async function issueEmbedToken(input: IssueEmbedTokenInput): Promise<{ token: string; expiresAt: Date }> {
  const secret = (await embedSecret(input.dir, input.business))!;
  const iat = Math.floor(input.now.getTime() / 1000);
  const exp = iat + input.ttlSeconds;
  const payload: Record<string, unknown> = {
    business: input.business,
    audience: input.audience,
    scope: [EMBED_SCOPE],
    origins: input.origins ?? [],
  };
  if (input.rules !== undefined) payload.rules = input.rules;
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: input.business })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(input.pageId)
    .setJti(newId('emb'))
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret);
  return { token, expiresAt: new Date(exp * 1000) };
}

export interface VerifyEmbedTokenOptions {
  /** The local platform's data directory (where each business's secret is). */
  dir: string;
  /** When given, the token must be for this page. */
  pageId?: string;
  now?: Date;
}

/**
 * Checks an embed token and returns what it grants, or null. Fails closed:
 * a missing, malformed, tampered, expired or wrong-page token, a business
 * without a secret, or a token whose scope is empty all give null.
 */
export async function verifyEmbedToken(token: string | null | undefined, options: VerifyEmbedTokenOptions): Promise<EmbedClaims | null> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) return null;
  try {
    const header = decodeProtectedHeader(token);
    const business = header.kid;
    if (header.alg !== 'HS256' || typeof business !== 'string' || !BUSINESS_NAME.test(business)) return null;
    const secret = await embedSecret(options.dir, business, false);
    if (!secret || secret.length < 32) return null;
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: options.now,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    });
    if (payload.business !== business) return null;
    const scope = Array.isArray(payload.scope) ? payload.scope.filter((s): s is string => typeof s === 'string') : [];
    if (!scope.includes(EMBED_SCOPE)) return null;
    const audience = payload.audience;
    if (audience !== 'self' && audience !== 'workspace' && audience !== 'public') return null;
    if (typeof payload.sub !== 'string' || (options.pageId !== undefined && payload.sub !== options.pageId)) return null;
    const origins = Array.isArray(payload.origins) ? payload.origins.filter((o): o is string => typeof o === 'string') : [];
    return {
      pageId: payload.sub,
      business,
      audience,
      scope,
      ...(payload.rules !== undefined ? { rules: payload.rules } : {}),
      origins,
      issuedAt: new Date(payload.iat! * 1000),
      expiresAt: new Date(payload.exp! * 1000),
      tokenId: String(payload.jti),
    };
  } catch {
    return null;
  }
}
