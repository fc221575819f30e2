/** POST: a copy of the page named "<name> (copy)", as a new draft. Answers 201 with the copy. */
import { duplicatePage } from '../../../../../lib/pages-list/page-actions';
import { requestHost } from '../../../../_server/request-host';
import { errorResponse } from '../../../../_server/responses';
import { refuseUnsigned } from '../../../../_server/session';

export const dynamic = 'force-dynamic';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  try {
    const copy = await duplicatePage((await requestHost()).client, id);
    return Response.json({ id: copy.id, name: copy.name }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
