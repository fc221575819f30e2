/** POST (a form with `key` or `password`, and `next`): checks it and opens a studio session; too many failures get 429. */
import { CLIENT_ADDRESS_HEADER } from '../../../lib/host/sign-in-limiter';
import { host } from '../../_server/host';
import { safeNext, sessionCookie } from '../../_server/session';

export const dynamic = 'force-dynamic';

function seeOther(request: Request, location: string): Response {
  return new Response(null, { status: 303, headers: { location: new URL(location, request.url).pathname + new URL(location, request.url).search } });
}

function tooMany(message: string, retryAfterSeconds: number, next: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>Too many sign-in attempts</title><main style="font:16px system-ui;max-width:420px;margin:80px auto"><h1 style="font-size:20px">Too many sign-in attempts</h1><p role="alert">${message}.</p><p><a href="/sign-in?next=${encodeURIComponent(next)}">Back to sign-in</a></p></main>`;
  return new Response(html, { status: 429, headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => undefined);
  const auth = host().auth;
  const secret = form?.get(auth.mode === 'password' ? 'password' : 'key');
  const next = safeNext(form?.get('next'));
  const client = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  const result = await auth.signIn(typeof secret === 'string' ? secret : '', client);
  if (!result.ok && result.status === 429) return tooMany(result.message, result.retryAfterSeconds, next);
  if (!result.ok) return seeOther(request, `/sign-in?next=${encodeURIComponent(next)}&error=${encodeURIComponent(result.message)}`);
  const response = seeOther(request, next);
  response.headers.append('set-cookie', sessionCookie(request, result.token, result.maxAge));
  return response;
}
