/** POST: ends the studio session. */
import { SESSION_COOKIE } from '../../../../lib/host/studio-auth';

export async function POST(): Promise<Response> {
  return new Response(null, {
    status: 303,
    headers: { location: '/sign-in', 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  });
}
