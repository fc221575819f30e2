/** POST (a form with `key` and `next`): checks the key with the platform and opens a studio session. */
import { SESSION_COOKIE } from '../../../lib/host/studio-auth';
import { host } from '../../_server/host';
import { safeNext } from '../../_server/session';

export const dynamic = 'force-dynamic';

function seeOther(request: Request, location: string): Response {
  return new Response(null, { status: 303, headers: { location: new URL(location, request.url).pathname + new URL(location, request.url).search } });
}

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => undefined);
  const key = form?.get('key');
  const next = safeNext(form?.get('next'));
  const result = await host().auth.signIn(typeof key === 'string' ? key : '');
  if (!result.ok) return seeOther(request, `/sign-in?next=${encodeURIComponent(next)}&error=${encodeURIComponent(result.message)}`);
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const response = seeOther(request, next);
  response.headers.append(
    'set-cookie',
    `${SESSION_COOKIE}=${result.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${result.maxAge}${secure ? '; Secure' : ''}`,
  );
  return response;
}
