/**
 * The studio's sign-in gate (only when it listens beyond loopback): pages
 * redirect to /sign-in, the app's own API routes answer 401. An expired or
 * signed-out session counts as none.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, type StudioSession } from '../../lib/host/studio-auth';
import { host } from './host';

/** The live session of this request, or undefined (always undefined on loopback, where none is asked). */
export async function currentSession(): Promise<StudioSession | undefined> {
  const auth = host().auth;
  if (!auth.required) return undefined;
  return auth.session((await cookies()).get(SESSION_COOKIE)?.value);
}

export async function signedIn(): Promise<boolean> {
  if (!host().auth.required) return true;
  return (await currentSession()) !== undefined;
}

export async function requireSignIn(next: string): Promise<void> {
  if (!(await signedIn())) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

/** A 401 for the app's API routes, or undefined when the caller may go on. */
export async function refuseUnsigned(): Promise<Response | undefined> {
  if (await signedIn()) return undefined;
  return Response.json({ error: { code: 'unauthenticated', message: 'Sign in to the studio first' } }, { status: 401 });
}

/** Only a path on this site: never `//host` or `https://…` (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/** The session cookie's attributes: HttpOnly, SameSite=Strict, Secure over https. */
export function sessionCookie(request: Request, value: string, maxAge: number): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}
