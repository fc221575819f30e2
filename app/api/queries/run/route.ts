/** POST {sql, params?, values?}: one checked read-only statement, run on the server, for the studio's queries panel. */
import { refuseUnsigned } from '../../../_server/session';
import { requestHost } from '../../../_server/request-host';
import { readJson } from '../../../_server/read-body';
import { errorResponse } from '../../../_server/responses';
import type { ParamDeclaration } from '../../../../lib/spec/page-model';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function POST(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  if (typeof body.sql !== 'string') return Response.json({ error: { code: 'invalid_argument', message: 'send {"sql": "<one SELECT>", "params"?: {...}, "values"?: {...}}' } }, { status: 400 });
  if ((body.params !== undefined && !isRecord(body.params)) || (body.values !== undefined && !isRecord(body.values))) {
    return Response.json({ error: { code: 'invalid_argument', message: '"params" and "values" must be objects' } }, { status: 400 });
  }
  try {
    const answer = await (await requestHost()).runQuery({
      sql: body.sql,
      ...(body.params ? { params: body.params as Record<string, ParamDeclaration> } : {}),
      ...(body.values ? { values: body.values as Record<string, unknown> } : {}),
    });
    if (!answer.ok) return Response.json({ error: answer.error }, { status: answer.status });
    const { ok: _ok, ...result } = answer;
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
