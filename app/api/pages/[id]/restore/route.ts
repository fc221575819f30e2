/** POST {status: "draft"|"published", version?}: brings an archived page back (the list's Undo). */
import { restorePage } from '../../../../../lib/pages-list/page-actions';
import { requestHost } from '../../../../_server/request-host';
import { readJson } from '../../../../_server/read-body';
import { errorResponse } from '../../../../_server/responses';
import { refuseUnsigned } from '../../../../_server/session';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const { status, version } = body;
  if (status !== 'draft' && status !== 'published') {
    return Response.json({ error: { code: 'invalid_argument', message: '/status: send "draft" or "published", the status the page had before it was archived' } }, { status: 400 });
  }
  if (version !== undefined && typeof version !== 'number' && typeof version !== 'string') {
    return Response.json({ error: { code: 'invalid_argument', message: '/version: a number or a string, the archived page\'s version' } }, { status: 400 });
  }
  try {
    const page = await restorePage((await requestHost()).client, id, status, version);
    return Response.json({ id: page.id, name: page.name, status: page.status });
  } catch (error) {
    return errorResponse(error);
  }
}
