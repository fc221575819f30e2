/** POST {text, params, known?}: diagnostics plus the page's query results, for the studio's live preview. */
import { refuseUnsigned } from '../../_server/session';
import { requestHost } from '../../_server/request-host';
import { readJson } from '../../_server/read-body';
import { errorResponse } from '../../_server/responses';

export async function POST(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  if (typeof body.text !== 'string') return Response.json({ error: { code: 'invalid_argument', message: 'send {"text": "<page JSON>"}' } }, { status: 400 });
  const params = typeof body.params === 'object' && body.params !== null ? (body.params as Record<string, unknown>) : {};
  // The execution keys whose results the studio already holds: those queries are not run again.
  const known = Array.isArray(body.known) ? body.known.filter((k): k is string => typeof k === 'string').slice(0, 200) : undefined;
  try {
    return Response.json(await (await requestHost()).preview(body.text, params, known ? { known } : {}));
  } catch (error) {
    return errorResponse(error);
  }
}
