/**
 * A saved page over live data, rendered on the server with the same renderer
 * as the preview, and streamed: the header and every node that binds no
 * query go out at once; each node that binds queries follows as they answer.
 */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isPlatformError } from '../../../lib/platform';
import { StreamedPageView } from '../../../components/page-renderer/streamed-page-view';
import { ShareEmbedButton } from '../../../components/share/share-embed-button';
import { requestHost } from '../../_server/request-host';
import { StudioHeader } from '../../_server/studio-header';
import { requireSignIn } from '../../_server/session';

export const dynamic = 'force-dynamic';

export default async function ViewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  await requireSignIn(`/pages/${encodeURIComponent(id)}`);
  const query = await searchParams;
  let page;
  try {
    page = await (await requestHost()).client.getPage(id);
  } catch (error) {
    if (isPlatformError(error) && error.status === 404) notFound();
    throw error;
  }
  const values = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const data = await (await requestHost()).stream(page, values);
  const theme = query.theme === 'light' || query.theme === 'dark' ? query.theme : undefined;
  return (
    <>
      {/* ?theme=light|dark forces the colours (app/globals.css reads this marker); without it the system's theme or the header's choice applies. */}
      {theme ? <div className="ap-theme" data-theme={theme} hidden /> : null}
      <StudioHeader />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 20px 0', maxWidth: 1400, margin: '0 auto' }}>
        <h1 style={{ margin: 0, fontSize: 20 }}>{page.name}</h1>
        <Link className="st-button" href={`/pages/${encodeURIComponent(page.id)}/edit`} style={{ marginLeft: 'auto' }}>
          Edit
        </Link>
        <ShareEmbedButton pageId={page.id} pageName={page.name} version={page.version} declaredQueries={page.declared_queries ?? []} />
      </div>
      <StreamedPageView page={data.page} outcomes={data.outcomes} rowsHref={(pointer) => `/pages/${encodeURIComponent(page.id)}/rows?node=${encodeURIComponent(pointer)}`} />
    </>
  );
}
