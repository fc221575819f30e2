import Link from 'next/link';
import { host } from './host';

/** The studio's top bar: where you are and which platform answers. */
export function StudioHeader() {
  const mode = host().mode;
  return (
    <header className="st-header">
      <Link href="/" className="st-brand">
        Amdahl Pages Studio
      </Link>
      <Link href="/">Pages</Link>
      <Link href="/pages/new">New page</Link>
 {host().auth.required ? (
        <form method="post" action="/api/session/sign-out" style={{ marginLeft: 'auto' }}>
          <button className="st-button" type="submit">
            Sign out
          </button>
        </form>
      ) : null}
      <span className="st-mode" title={mode === 'local' ? 'AMDAHL_URL is unset: the embedded platform (PGlite) answers' : 'Connected to AMDAHL_URL'}>
        {mode === 'local' ? 'Local platform · PGlite' : 'Amdahl platform'}
      </span>
    </header>
  );
}
