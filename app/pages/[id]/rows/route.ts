/** GET ?node=<pointer>[&format=csv][&<params>]: the full rows of one node of a page, as its view shows them (the signed-in author's key, the same params). */
import { isPlatformError } from '../../../../lib/platform';
import { refuseUnsigned } from '../../../_server/session';
import { requestHost } from '../../../_server/request-host';
import { errorResponse } from '../../../_server/responses';
import { ROWS_ROUTE_KEYS } from '../../../../lib/spec/drawing';
import { paramsOf, rowsResponse } from '../../../_server/rows-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  const search = new URL(request.url).searchParams;
  const node = search.get('node') ?? '';
  try {
    const host = await requestHost();
    const page = await host.client.getPage(id);
    if (page.status === 'archived') return rowsResponse({ ok: false, status: 404, reason: 'page archived' }, null, `/pages/${id}/rows`);
    return rowsResponse(await host.nodeRows(page, node, paramsOf(search, [...ROWS_ROUTE_KEYS, 'theme'])), search, `/pages/${id}/rows`);
  } catch (error) {
    if (isPlatformError(error) && error.status === 404) return rowsResponse({ ok: false, status: 404, reason: 'page 404' }, null, `/pages/${id}/rows`);
    return errorResponse(error);
  }
}
