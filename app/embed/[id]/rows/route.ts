/**
 * GET ?token=…&node=<pointer>[&format=csv][&<params>]: the full rows of one
 * node of an embedded page. The token is verified here as the embed proxy
 * verifies the page's own URL; its grant (page, slice, params) authorises
 * these rows and nothing else. Anything wrong: a neutral 4xx.
 */
import { readEmbedRequest } from '../../../../lib/embed/embed-request';
import { host } from '../../../_server/host';
import { ROWS_ROUTE_KEYS } from '../../../../lib/spec/drawing';
import { rowsResponse } from '../../../_server/rows-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const url = new URL(request.url);
  const search = new URLSearchParams([...url.searchParams].filter(([key]) => !ROWS_ROUTE_KEYS.includes(key)));
  const where = `/embed/${id}/rows`;
  const embed = await readEmbedRequest(`/embed/${encodeURIComponent(id)}`, search, host().embeds.keyring);
  if (!embed.ok) return rowsResponse({ ok: false, status: embed.status, reason: embed.reason }, null, where);
  try {
    return rowsResponse(await host().embeds.rows(embed.grant, url.searchParams.get('node') ?? ''), url.searchParams, where);
  } catch (error) {
    console.error(error);
    return rowsResponse({ ok: false, status: 404, reason: 'render failed' }, null, where);
  }
}
