/**
 * The studio's sign-in gate (only when it listens beyond loopback): pages
 * redirect to /sign-in, the app's own API routes answer 401.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE } from '../../lib/host/studio-auth';
import { host } from './host';

export async function signedIn(): Promise<boolean> {
  const auth = host().auth;
  if (!auth.required) return true;
  return auth.verify((await cookies()).get(SESSION_COOKIE)?.value);
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
