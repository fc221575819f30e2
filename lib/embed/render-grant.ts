/**
 * What the embed proxy hands the embed page once a token has been verified:
 * the page, the slice, the params, the theme and the framing origins. The
 * proxy keeps the grant in this process and names its digest in a request
 * header (never a path: no response carries it); the page looks it up by
 * digest. The grant names no token, so tokens with the same page, slice and
 * params share one cached render (scripts/serve-app.ts). The hop also
 * carries a secret of this process: a header sent from outside is no grant.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SliceRules } from './slice-rules';
import type { EmbedAudience } from './tokens';

export const THEMES = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof THEMES)[number];
/** The request header of the proxy's internal hop. */
export const INTERNAL_PASS_HEADER = 'x-amdahl-embed-pass';
/** The request header naming the grant's digest on that hop. */
export const GRANT_HEADER = 'x-amdahl-embed-grant';

export interface RenderGrant {
  pageId: string;
  pageVersion: number | 'latest';
  audience: EmbedAudience;
  business?: string;
  mintedBy?: string;
  rules?: SliceRules;
  params: Record<string, string>;
  theme: EmbedTheme;
  origins: string[];
}

const MAX_GRANTS = 10_000;

interface GrantState {
  secret: Buffer;
  pass: string;
  grants: Map<string, RenderGrant>;
}

const holder = globalThis as typeof globalThis & { __amdahlRenderGrants?: GrantState };

/** One state per server process, shared by the proxy and the route (same process, separate bundles). */
function state(): GrantState {
  if (!holder.__amdahlRenderGrants) {
    const secret = randomBytes(32);
    holder.__amdahlRenderGrants = { secret, pass: randomBytes(32).toString('base64url'), grants: new Map() };
  }
  return holder.__amdahlRenderGrants;
}

/** The name of a grant: a keyed digest, short and unguessable, the same for the same grant in this process. */
export function grantDigest(grant: RenderGrant): string {
  return createHmac('sha256', state().secret).update(JSON.stringify(grant)).digest('base64url');
}

/** Keeps the grant; answers the path segment that names it. */
export function storeRenderGrant(grant: RenderGrant): string {
  const { grants } = state();
  const digest = grantDigest(grant);
  grants.delete(digest);
  grants.set(digest, grant);
  while (grants.size > MAX_GRANTS) grants.delete(grants.keys().next().value!);
  return digest;
}

export function findRenderGrant(pageId: string, digest: string): RenderGrant | undefined {
  const grant = state().grants.get(digest);
  return grant && grant.pageId === pageId ? grant : undefined;
}

export function internalPass(): string {
  return state().pass;
}

export function isInternalPass(value: string | null): boolean {
  if (!value) return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(state().pass);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
