/** POST a page's text; answers every diagnostic: the editor's markers come from here. */
import { refuseUnsigned } from '../../_server/session';
import { requestHost } from '../../_server/request-host';
import { readText } from '../../_server/read-body';
import { errorResponse } from '../../_server/responses';

export async function POST(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const text = await readText(request);
  if (text instanceof Response) return text;
  try {
    return Response.json({ diagnostics: await (await requestHost()).validate(text) });
  } catch (error) {
    return errorResponse(error);
  }
}
