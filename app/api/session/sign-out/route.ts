/** POST: ends the studio session (the cookie is cleared and its session refused from now on). */
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '../../../../lib/host/studio-auth';
import { host } from '../../../_server/host';
import { sessionCookie } from '../../../_server/session';

export async function POST(request: Request): Promise<Response> {
  await host().auth.signOut((await cookies()).get(SESSION_COOKIE)?.value);
  return new Response(null, { status: 303, headers: { location: '/sign-in', 'set-cookie': sessionCookie(request, '', 0) } });
}
