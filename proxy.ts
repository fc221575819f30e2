/**
 * The embed gate. `/embed/<page>?token=…` is verified here, before any page
 * code runs: a bad token gets the neutral "not available" page and nothing
 * else. A good one goes on to the embed page itself with the grant this
 * process keeps for it (lib/embed/render-grant), named in a request header
 * beside a secret of this process, and its response gets the token's framing
 * policy. Nothing is rewritten: no response names an internal path.
 * `/embed/<page>/rows` verifies its token itself (app/embed/[id]/rows).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { EMBED_ROWS_PATH, readEmbedRequest } from './lib/embed/embed-request';
import { embedResponseHeaders } from './lib/embed/framing';
import { embedKeyringFromEnv } from './lib/embed/keyring-from-env';
import { GRANT_HEADER, INTERNAL_PASS_HEADER, internalPass, storeRenderGrant } from './lib/embed/render-grant';
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
  if (EMBED_ROWS_PATH.test(pathname)) return NextResponse.next();
  const embed = await readEmbedRequest(pathname, searchParams, keyring);
  if (!embed.ok) return unavailable(embed.status, embed.reason, pathname);
  const headers = new Headers(request.headers);
  headers.set(INTERNAL_PASS_HEADER, internalPass());
  headers.set(GRANT_HEADER, storeRenderGrant(embed.grant));
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(embedResponseHeaders(embed.csp))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/embed/:path*'],
};
