/** POST: archives the page (the platform's DELETE) and answers what Undo needs: `{id, name, previousStatus, version?}`. */
import { archivePage } from '../../../../../lib/pages-list/page-actions';
import { requestHost } from '../../../../_server/request-host';
import { errorResponse } from '../../../../_server/responses';
import { refuseUnsigned } from '../../../../_server/session';

export const dynamic = 'force-dynamic';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  try {
    return Response.json(await archivePage((await requestHost()).client, id));
  } catch (error) {
    return errorResponse(error);
  }
}
