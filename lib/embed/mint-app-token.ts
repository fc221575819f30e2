/**
 * Minting where the platform's own tokens cannot be used: against a real
 * platform, whose per-tenant secret the app does not hold, the app (or the
 * CLI) signs its own token with AMDAHL_EMBED_SECRET. It never grants more
 * than the platform grants the minting key, which it asks first:
 * - the page must be readable with the key (GET /pages/{id});
 * - the key must read data (a zero-row query);
 * - `workspace` and `public` need pages:admin: the platform's own
 *   embed-token endpoint is asked, and its refusal is ours;
 * - the link is clamped to what the key itself sees: a zero-row query
 *   without rules answers the key's own slice (`applied_rules`), and the
 *   link's rules become the intersection (the key's slice when the link
 *   asked for none), recorded in the token; every display then runs under
 *   them and shows nothing the platform did not confirm it applied;
 * - a slice must be enforced by the platform in the database: a zero-row
 *   query with the rules must come back naming them in `applied_rules`.
 */
import type { PlatformClient } from '../platform';
import type { DeclaredQuery } from '../spec/page-model';
import { checkEmbedParams } from './embed-params';
import { normaliseOrigin } from './framing';
import type { SigningKey } from './keys';
import { intersectSlices, parseSliceRules, sliceWithin, type SliceRules } from './slice-rules';
import { APP_ISSUER, EMBED_AUDIENCES, signEmbedToken, type EmbedAudience } from './tokens';

export interface MintRequest {
  audience: EmbedAudience;
  ttlSeconds?: number;
  origins?: string[];
  rules?: unknown;
  params?: Record<string, string | number | boolean>;
  pageVersion?: number | 'latest';
}

export interface MintedEmbed {
  token: string;
  expires_at: string;
}

const MINT_REFUSED = Symbol.for('amdahl.embed.MintRefused');

export class MintRefused extends Error {
  readonly [MINT_REFUSED] = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A refusal, also when it was thrown by another bundle's copy of this module
 * (the host is made once per process, possibly by another bundle than the
 * route that catches): checked by a registered symbol, not by instanceof.
 */
export function isMintRefused(value: unknown): value is MintRefused {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MINT_REFUSED] === true;
}

export const DEFAULT_EMBED_TTL_SECONDS = 3600;
export const MAX_EMBED_TTL_SECONDS = 30 * 24 * 3600;

/** Checks a request's own shape (audience, lifetime, origins, slice, params); the platform is asked nothing yet. */
export function checkMintRequest(input: MintRequest): { origins: string[]; ttlSeconds: number; rules: ReturnType<typeof parseSliceRules> } {
  if (!(EMBED_AUDIENCES as readonly string[]).includes(input.audience)) throw new MintRefused(400, 'invalid_argument', `audience must be one of ${EMBED_AUDIENCES.join(', ')}`);
  const ttlSeconds = input.ttlSeconds ?? DEFAULT_EMBED_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > MAX_EMBED_TTL_SECONDS) {
    throw new MintRefused(400, 'invalid_argument', `ttl_seconds must be a whole number from 60 to ${MAX_EMBED_TTL_SECONDS}`);
  }
  const origins = (input.origins ?? []).map((o) => {
    const origin = normaliseOrigin(o);
    if (!origin) throw new MintRefused(400, 'invalid_argument', `origins: ${JSON.stringify(o)} is not an origin such as https://example.com`);
    return origin;
  });
  const rules = parseSliceRules(input.rules);
  if (!rules.ok) throw new MintRefused(400, 'invalid_argument', rules.message);
  return { origins, ttlSeconds, rules };
}

export async function mintAppEmbedToken(client: PlatformClient, key: SigningKey, pageId: string, input: MintRequest, mintedBy: string): Promise<MintedEmbed> {
  const { origins, ttlSeconds, rules } = checkMintRequest(input);
  const page = await client.getPage(pageId);
  if (page.status === 'archived') throw new MintRefused(404, 'not_found', `page ${pageId} is archived`);
  if (typeof input.pageVersion === 'number' && String(page.version) !== String(input.pageVersion)) {
    throw new MintRefused(409, 'failed_precondition', `page ${pageId} is at version ${String(page.version)}, not ${input.pageVersion}`);
  }
  const params = Object.fromEntries(Object.entries(input.params ?? {}).map(([k, v]) => [k, String(v)]));
  const pinned = checkEmbedParams(params, (page.declared_queries ?? []) as unknown as DeclaredQuery[]);
  if (!pinned.ok) throw new MintRefused(400, 'invalid_argument', pinned.reason);
  const slice = await clampToKey(client, rules.ok ? rules.rules : undefined);
  const probe = await client.query('SELECT 1 AS ok FROM interactions LIMIT 0', slice ? { rules: slice } : {});
  if (slice && !sliceWithin(probe.applied_rules, slice)) {
    throw new MintRefused(422, 'failed_precondition', 'this platform does not enforce data slices in its queries, so an embed with rules cannot be minted here');
  }
  if (input.audience !== 'self') await client.createEmbedToken(pageId, { audience: input.audience, ttl_seconds: 60 });
  const { token, expiresAt } = await signEmbedToken(
    {
      issuer: APP_ISSUER,
      pageId: page.id,
      pageVersion: input.pageVersion ?? 'latest',
      audience: input.audience,
      origins,
      ...(slice ? { rules: slice } : {}),
      params: pinned.params,
      mintedBy,
      ttlSeconds,
    },
    key,
  );
  return { token, expires_at: expiresAt.toISOString() };
}

/**
 * The slice a link may show: the one asked for, within what the minting key
 * itself sees (its applied rules, asked with no slice). A key limited in a
 * way an embed cannot enforce, or a slice outside the key's, is refused.
 */
export async function clampToKey(client: PlatformClient, requested: SliceRules | undefined): Promise<SliceRules | undefined> {
  const own = await client.query('SELECT 1 AS ok FROM interactions LIMIT 0');
  const keySlice = parseSliceRules(own.applied_rules ?? undefined);
  if (!keySlice.ok) throw new MintRefused(422, 'failed_precondition', `the platform limits this key in a way an embed cannot enforce (${keySlice.message})`);
  const both = intersectSlices(keySlice.rules, requested);
  if (both.empty) throw new MintRefused(403, 'permission_denied', `rules.${both.empty}: this key sees none of those values, so the link would show nothing`);
  return both.rules;
}

/** The iframe an author pastes, with the script that sizes it. */
export function embedSnippet(embedUrl: string, appOrigin: string, title = 'Amdahl page'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(embedUrl)}" title="${esc(title)}" data-amdahl-embed style="width:100%;border:0" height="480" loading="lazy"></iframe>\n<script src="${esc(appOrigin)}/embed.js" async></script>`;
}
