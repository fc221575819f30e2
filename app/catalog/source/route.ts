/** GET ?example=<type>/<file>: one catalog example's JSON, indented, as the gallery shows it on demand. */
import { catalog } from '../../../catalog';
import { exampleById, prettyJson } from '../../../catalog/examples';
import { refuseUnsigned } from '../../_server/session';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const found = exampleById(new URL(request.url).searchParams.get('example') ?? '', catalog);
  if (!found.ok) return new Response(found.problem, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(prettyJson(found.example.text), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, max-age=60' } });
}
