/** Sign in to a studio that listens beyond loopback: an API key the platform accepts, or the operator's STUDIO_PASSWORD, opens a session. */
import { redirect } from 'next/navigation';
import { host } from '../_server/host';
import { safeNext, signedIn } from '../_server/session';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const next = safeNext(query.next);
  if (!host().auth.required || (await signedIn())) redirect(next);
  const error = typeof query.error === 'string' ? query.error : undefined;
  const byPassword = host().auth.mode === 'password';
  return (
    <main className="st-main" style={{ maxWidth: 420, marginTop: 80 }}>
      <h1 style={{ fontSize: 20 }}>Sign in to Amdahl Pages Studio</h1>
      <p style={{ color: 'var(--ap-muted)' }}>
        {byPassword
          ? 'This studio is reachable from other machines, so it asks for the password its operator set.'
          : 'This studio is reachable from other machines, so it asks who you are. Use your API key for the platform: you read, preview and save pages with it.'}
      </p>
      {error ? (
        <div className="st-banner st-banner-error" role="alert">
          {error}
        </div>
      ) : null}
      <form method="post" action="/api/session" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        <label htmlFor="secret">{byPassword ? 'Password' : 'API key'}</label>
        <input id="secret" name={byPassword ? 'password' : 'key'} type="password" autoComplete="current-password" required style={{ padding: 8, font: 'inherit' }} />
        <input type="hidden" name="next" value={next} />
        <button className="st-button st-primary" type="submit">
          Sign in
        </button>
      </form>
    </main>
  );
}
