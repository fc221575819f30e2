/**
 * The embed gate. `/embed/<page>?token=…` is verified here, before any page
 * code runs: a bad token gets the neutral "not available" page (403) and
 * nothing else. A good one is rewritten to the cached render route with a
 * grant kept by this process (see lib/embed/render-grant), and its response
 * gets the token's framing policy. The render route itself cannot be reached
 * from outside: the rewrite carries a secret of this process.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { mergeEmbedParams } from './lib/embed/embed-params';
import { embedResponseHeaders, frameAncestors } from './lib/embed/framing';
import { embedKeyringFromEnv } from './lib/embed/keyring-from-env';
import { INTERNAL_PASS_HEADER, internalPass, isInternalPass, storeRenderGrant, THEMES, type EmbedTheme } from './lib/embed/render-grant';
import { verifyEmbedToken } from './lib/embed/tokens';
import { unavailableHtml } from './lib/embed/unavailable';

const keyring = embedKeyringFromEnv(process.env);
/** The neutral page carries nothing, so any site may frame it: an embedder whose link expired sees why in place. */
const NEUTRAL_FRAMING = 'frame-ancestors *';

function unavailable(status: number, reason: string, path: string): NextResponse {
  console.warn(`embed refused (${status}) ${path}: ${reason}`);
  return new NextResponse(unavailableHtml(), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...embedResponseHeaders(NEUTRAL_FRAMING) },
  });
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, searchParams } = request.nextUrl;
  // The second pass of our own rewrite: only it carries this process's secret.
  if (pathname.startsWith('/embed-render/') && isInternalPass(request.headers.get(INTERNAL_PASS_HEADER))) return NextResponse.next();
  const match = /^\/embed\/([^/]+)\/?$/.exec(pathname);
  if (!match) return unavailable(404, 'not an embed path', pathname);
  let pageId: string;
  try {
    pageId = decodeURIComponent(match[1]!);
  } catch {
    return unavailable(404, 'bad page id', pathname);
  }
  const verified = await verifyEmbedToken(searchParams.get('token'), keyring, { pageId });
  if (!verified.ok) return unavailable(403, verified.reason, pathname);
  const claims = verified.claims;
  const params = mergeEmbedParams(claims.params, searchParams);
  if (!params.ok) return unavailable(400, params.reason, pathname);
  const themeParam = searchParams.get('theme');
  const theme: EmbedTheme = (THEMES as readonly string[]).includes(themeParam ?? '') ? (themeParam as EmbedTheme) : 'auto';
  const digest = storeRenderGrant({
    pageId,
    pageVersion: claims.pageVersion,
    audience: claims.audience,
    ...(claims.business ? { business: claims.business } : {}),
    ...(claims.mintedBy ? { mintedBy: claims.mintedBy } : {}),
    ...(claims.rules ? { rules: claims.rules } : {}),
    params: params.params,
    theme,
    origins: claims.origins,
  });
  const target = request.nextUrl.clone();
  target.pathname = `/embed-render/${encodeURIComponent(pageId)}/${digest}`;
  target.search = '';
  const headers = new Headers(request.headers);
  headers.set(INTERNAL_PASS_HEADER, internalPass());
  const response = NextResponse.rewrite(target, { request: { headers } });
  for (const [name, value] of Object.entries(embedResponseHeaders(frameAncestors(claims.audience, claims.origins)))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/embed/:path*', '/embed-render/:path*'],
};
