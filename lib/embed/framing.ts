/**
 * Who may frame an embed: `Content-Security-Policy: frame-ancestors`, built
 * from the token's origins. No origins means no framing at all, unless the
 * token is public (then any site may frame it).
 */
import type { EmbedAudience } from './tokens';

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/** `https://Example.com/` -> `https://example.com`; anything that is not an http(s) origin -> undefined. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
    return ORIGIN.test(url.origin) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function frameAncestors(audience: EmbedAudience, origins: readonly string[]): string {
  const safe = origins.map(normaliseOrigin).filter((o): o is string => o !== undefined);
  if (safe.length > 0) return `frame-ancestors ${[...new Set(safe)].join(' ')}`;
  return audience === 'public' ? 'frame-ancestors *' : "frame-ancestors 'none'";
}

/**
 * Headers every embed response carries, refused or not. `frame-src 'self'`:
 * the only frames an embed draws are a Custom node's sandbox, which may not
 * navigate itself off this origin (and so carry its rows elsewhere).
 */
export function embedResponseHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': `${csp}; frame-src 'self'`,
    // The token is in the URL: never send it on as a referrer.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-robots-tag': 'noindex, nofollow',
  };
}
