/** POST {audience, ttl_seconds?, origins?, params?, rules?, page_version?}: an embed token, its URL on this site and the snippet to paste. */
import { embedSnippet, MintRefused } from '../../../../../lib/embed/mint-app-token';
import { host } from '../../../../_server/host';
import { readJson } from '../../../../_server/read-body';
import { errorResponse } from '../../../../_server/responses';
import { refuseUnsigned } from '../../../../_server/session';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  try {
    const minted = await host().embeds.mint(id, {
      audience: body.audience as never,
      ttlSeconds: typeof body.ttl_seconds === 'number' ? body.ttl_seconds : undefined,
      origins: Array.isArray(body.origins) ? body.origins.map(String) : undefined,
      params: body.params && typeof body.params === 'object' ? (body.params as Record<string, string>) : undefined,
      rules: body.rules,
      pageVersion: typeof body.page_version === 'number' || body.page_version === 'latest' ? body.page_version : undefined,
    });
    // The URL is on the origin the author is using: what they copy is what works for them.
    const origin = new URL(request.url).origin;
    const embedUrl = `${origin}/embed/${encodeURIComponent(id)}?token=${encodeURIComponent(minted.token)}`;
    return Response.json({ ...minted, embed_url: embedUrl, snippet: embedSnippet(embedUrl, origin) });
  } catch (error) {
    if (error instanceof MintRefused) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    return errorResponse(error);
  }
}
