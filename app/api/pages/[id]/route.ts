/** GET one page; PATCH {text, expectedVersion, expectedUpdatedAt} saves it unless it changed meanwhile; DELETE archives it. */
import { refuseUnsigned } from '../../../_server/session';
import { requestHost } from '../../../_server/request-host';
import { readJson } from '../../../_server/read-body';
import { errorResponse, saveResponse } from '../../../_server/responses';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  try {
    return Response.json(await (await requestHost()).client.getPage(id));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  if (typeof body.text !== 'string') return Response.json({ error: { code: 'invalid_argument', message: 'send {"text": "<page JSON>", "expectedVersion": n}' } }, { status: 400 });
  const expectedVersion = typeof body.expectedVersion === 'number' || typeof body.expectedVersion === 'string' ? body.expectedVersion : undefined;
  const expectedUpdatedAt = typeof body.expectedUpdatedAt === 'string' ? body.expectedUpdatedAt : undefined;
  try {
    return saveResponse(await (await requestHost()).savePage(body.text, { id, expectedVersion, expectedUpdatedAt }), 200);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const { id } = await params;
  try {
    await (await requestHost()).client.archivePage(id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
