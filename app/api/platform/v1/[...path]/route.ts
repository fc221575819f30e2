/** The embedded local platform, mounted when AMDAHL_URL is unset: curl and the guide's Python client reach it here. */
import { host } from '../../../../_server/host';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const local = host().local;
  if (!local) {
    return Response.json({ error: { code: 'not_found', message: 'The local platform is off: this studio uses AMDAHL_URL' } }, { status: 404 });
  }
  return local.handle(request);
}

export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
