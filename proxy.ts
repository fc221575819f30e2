/**
 * The embed gate. `/embed/<page>?token=…` is verified here, before any page
 * code runs: a bad token gets the neutral "not available" page and nothing
 * else. A good one is rewritten to the cached render route with a grant kept
 * by this process (lib/embed/render-grant), and its response gets the
 * token's framing policy. The render route itself cannot be reached from
 * outside: the rewrite carries a secret of this process.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { EMBED_ROWS_PATH, readEmbedRequest } from './lib/embed/embed-request';
import { embedResponseHeaders } from './lib/embed/framing';
import { embedKeyringFromEnv } from './lib/embed/keyring-from-env';
import { INTERNAL_PASS_HEADER, internalPass, isInternalPass, storeRenderGrant } from './lib/embed/render-grant';
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
  if (EMBED_ROWS_PATH.test(pathname)) return NextResponse.next();
  const embed = await readEmbedRequest(pathname, searchParams, keyring);
  if (!embed.ok) return unavailable(embed.status, embed.reason, pathname);
  const target = request.nextUrl.clone();
  target.pathname = `/embed-render/${encodeURIComponent(embed.grant.pageId)}/${storeRenderGrant(embed.grant)}`;
  target.search = '';
  const headers = new Headers(request.headers);
  headers.set(INTERNAL_PASS_HEADER, internalPass());
  const response = NextResponse.rewrite(target, { request: { headers } });
  for (const [name, value] of Object.entries(embedResponseHeaders(embed.csp))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/embed/:path*', '/embed-render/:path*'],
};
