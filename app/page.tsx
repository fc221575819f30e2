/** The page list: every page on the platform, with links to view and edit. */
import Link from 'next/link';
import { requestHost } from './_server/request-host';
import { StudioHeader } from './_server/studio-header';
import { requireSignIn } from './_server/session';
import type { PageSummary } from '../lib/platform';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireSignIn('/');
  let pages: PageSummary[] = [];
  let failure: string | undefined;
  try {
    for await (const page of (await requestHost()).client.iteratePages({ limit: 100 })) pages.push(page);
  } catch (error) {
    failure = (error as Error).message;
    pages = [];
  }
  return (
    <>
      <StudioHeader />
      <main className="st-main">
        <div style={{ display: 'flex', alignItems: 'center', marginBottom: 16 }}>
          <h1 style={{ margin: 0, fontSize: 20 }}>Pages</h1>
          <Link className="st-button st-primary" href="/pages/new" style={{ marginLeft: 'auto' }}>
            New page
          </Link>
        </div>
        {failure ? <div className="st-banner st-banner-error">The platform did not answer: {failure}</div> : null}
        <table className="st-table" data-testid="page-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Tags</th>
              <th>Status</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {pages.map((page) => (
              <tr key={page.id}>
                <td>
                  <Link href={`/pages/${encodeURIComponent(page.id)}`}>{page.name}</Link>
                </td>
                <td>
                  {page.tags.map((tag) => (
                    <span key={tag} className="st-tag">
                      {tag}
                    </span>
                  ))}
                </td>
                <td>{page.status ?? ''}</td>
                <td>{page.updated_at ? new Date(page.updated_at).toISOString().slice(0, 16).replace('T', ' ') : ''}</td>
                <td style={{ textAlign: 'right' }}>
                  <Link className="st-button" href={`/pages/${encodeURIComponent(page.id)}/edit`}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
            {pages.length === 0 && !failure ? (
              <tr>
                <td colSpan={5} style={{ color: 'var(--ap-muted)' }}>
                  No pages yet. <Link href="/pages/new">Create one</Link>.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </main>
    </>
  );
}
