/** GET lists pages; POST {text} validates and creates one. */
import { refuseUnsigned } from '../../_server/session';
import { requestHost } from '../../_server/request-host';
import { readJson } from '../../_server/read-body';
import { errorResponse, saveResponse } from '../../_server/responses';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const url = new URL(request.url);
  try {
    const list = await (await requestHost()).client.listPages({
      limit: url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : undefined,
      cursor: url.searchParams.get('cursor') ?? undefined,
      tag: url.searchParams.get('tag') ?? undefined,
    });
    return Response.json(list);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  if (typeof body.text !== 'string') return Response.json({ error: { code: 'invalid_argument', message: 'send {"text": "<page JSON>"}' } }, { status: 400 });
  try {
    return saveResponse(await (await requestHost()).savePage(body.text), 201);
  } catch (error) {
    return errorResponse(error);
  }
}
