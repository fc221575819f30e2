/** The page list: search, tag and status filters, cursor paging, and per-page actions. State lives in the URL. */
import { PagesList } from '../components/pages-list/pages-list';
import { listHref, parseListLocation } from '../lib/pages-list/list-url';
import { loadPagesList } from './_server/pages-list';
import { requireSignIn } from './_server/session';
import { StudioHeader } from './_server/studio-header';

export const dynamic = 'force-dynamic';

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { location, problems } = parseListLocation(await searchParams);
  await requireSignIn(listHref(location));
  const data = await loadPagesList(location, problems);
  return (
    <>
      <StudioHeader />
      <main className="st-main">
        <PagesList {...data} />
      </main>
    </>
  );
}
