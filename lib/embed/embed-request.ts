/**
 * One embed request, `/embed/<page>?token=…[&theme=…][&param=…]`, read and
 * checked: the token verified for that page, the viewer's params merged with
 * the pinned ones, the theme, and the framing policy. The embed proxy and the
 * app server's cache in front of it both start here.
 */
import { mergeEmbedParams } from './embed-params';
import { frameAncestors } from './framing';
import type { EmbedKeyring } from './keys';
import { THEMES, type EmbedTheme, type RenderGrant } from './render-grant';
import { verifyEmbedToken } from './tokens';

export type EmbedRequest = { ok: true; grant: RenderGrant; csp: string } | { ok: false; status: number; reason: string };

export const EMBED_PATH = /^\/embed\/([^/]+)\/?$/;
/** An embed's full-rows route (app/embed/[id]/rows): it verifies its token itself. */
export const EMBED_ROWS_PATH = /^\/embed\/[^/]+\/rows\/?$/;

export async function readEmbedRequest(pathname: string, search: URLSearchParams, keyring: EmbedKeyring): Promise<EmbedRequest> {
  const match = EMBED_PATH.exec(pathname);
  if (!match) return { ok: false, status: 404, reason: 'not an embed path' };
  let pageId: string;
  try {
    pageId = decodeURIComponent(match[1]!);
  } catch {
    return { ok: false, status: 404, reason: 'bad page id' };
  }
  const verified = await verifyEmbedToken(search.get('token'), keyring, { pageId });
  if (!verified.ok) return { ok: false, status: 403, reason: verified.reason };
  const claims = verified.claims;
  const params = mergeEmbedParams(claims.params, search);
  if (!params.ok) return { ok: false, status: 400, reason: params.reason };
  const themeParam = search.get('theme') ?? '';
  const theme: EmbedTheme = (THEMES as readonly string[]).includes(themeParam) ? (themeParam as EmbedTheme) : 'auto';
  return {
    ok: true,
    csp: frameAncestors(claims.audience, claims.origins),
    grant: {
      pageId,
      pageVersion: claims.pageVersion,
      audience: claims.audience,
      ...(claims.business ? { business: claims.business } : {}),
      ...(claims.mintedBy ? { mintedBy: claims.mintedBy } : {}),
      ...(claims.rules ? { rules: claims.rules } : {}),
      params: params.params,
      theme,
      origins: claims.origins,
    },
  };
}
