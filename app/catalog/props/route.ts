/** GET ?type=<component>: a catalog component's props reference, as the gallery's props table shows it on demand. */
import { catalog } from '../../../catalog';
import { propsReference } from '../../../lib/spec/props-reference';
import { refuseUnsigned } from '../../_server/session';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const denied = await refuseUnsigned();
  if (denied) return denied;
  const type = new URL(request.url).searchParams.get('type') ?? '';
  const def = catalog.get(type);
  if (!def) return new Response(`There is no component "${type}" in the catalog`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(propsReference(def), { headers: { 'cache-control': 'private, max-age=60' } });
}
