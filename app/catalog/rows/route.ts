/** GET ?example=<type>/<file>&node=<pointer>[&format=csv|&rows=all]: the full rows of one node of a catalog example, as the gallery renders it. */
import { catalog } from '../../../catalog';
import { exampleById } from '../../../catalog/examples';
import { host } from '../../_server/host';
import { errorResponse } from '../../_server/responses';
import { rowsResponse } from '../../_server/rows-response';
import { refuseUnsigned } from '../../_server/session';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const search = new URL(request.url).searchParams;
  const found = exampleById(search.get('example') ?? '', catalog);
  if (!found.ok) return rowsResponse({ ok: false, status: 404, reason: found.problem }, null, '/catalog/rows');
  try {
    const page = JSON.parse(found.example.text) as Record<string, unknown>;
    const stored = { id: `example:${found.example.id}`, name: String(page.name ?? ''), tags: [], declared_queries: page.declared_queries, spec: page.spec, status: 'published' };
    return rowsResponse(await host().nodeRows(stored as never, search.get('node') ?? ''), search, '/catalog/rows');
  } catch (error) {
    return errorResponse(error);
  }
}
