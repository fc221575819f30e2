import Link from 'next/link';
import { ThemeToggle } from '../../components/studio/theme-toggle';
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
      <Link href="/catalog">Catalog</Link>
      <div className="st-header-end">
        {host().auth.required ? (
          <form method="post" action="/api/session/sign-out">
            <button className="st-button" type="submit">
              Sign out
            </button>
          </form>
        ) : null}
        <ThemeToggle />
        <span className="st-mode" title={mode === 'local' ? 'AMDAHL_URL is unset: the embedded platform (PGlite) answers' : 'Connected to AMDAHL_URL'}>
          {mode === 'local' ? 'Local platform · PGlite' : 'Amdahl platform'}
        </span>
      </div>
    </header>
  );
}
