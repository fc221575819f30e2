/** POST {audience, ttl_seconds?, origins?, params?, rules?, page_version?}: an embed token, its URL on this site and the snippet to paste. */
import { embedSnippet, isMintRefused } from '../../../../../lib/embed/mint-app-token';
import { requestHost } from '../../../../_server/request-host';
import { readJson } from '../../../../_server/read-body';
import { errorResponse } from '../../../../_server/responses';
import { refuseUnsigned } from '../../../../_server/session';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/**
 * Where viewers reach this app: AMDAHL_PUBLIC_URL when the operator set it
 * (behind a proxy), else the host the author's browser used, so what they copy
 * works for them.
 */
function publicOrigin(request: Request): string {
  const configured = process.env.AMDAHL_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  try {
    const minted = await (await requestHost()).embeds.mint(id, {
      audience: body.audience as never,
      ttlSeconds: typeof body.ttl_seconds === 'number' ? body.ttl_seconds : undefined,
      origins: Array.isArray(body.origins) ? body.origins.map(String) : undefined,
      params: body.params && typeof body.params === 'object' ? (body.params as Record<string, string>) : undefined,
      rules: body.rules,
      pageVersion: typeof body.page_version === 'number' || body.page_version === 'latest' ? body.page_version : undefined,
    });
    const origin = publicOrigin(request);
    const embedUrl = `${origin}/embed/${encodeURIComponent(id)}?token=${encodeURIComponent(minted.token)}`;
    return Response.json({ ...minted, embed_url: embedUrl, snippet: embedSnippet(embedUrl, origin) });
  } catch (error) {
    if (isMintRefused(error)) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    return errorResponse(error);
  }
}
