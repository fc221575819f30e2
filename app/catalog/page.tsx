/** The catalog gallery: every component, its props and its examples rendered over the local data. */
import { catalog } from '../../catalog';
import { CatalogGallery } from '../../components/catalog-gallery/gallery';
import { host } from '../_server/host';
import { requireSignIn } from '../_server/session';
import { StudioHeader } from '../_server/studio-header';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Catalog · Amdahl Pages Studio' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const theme = query.theme === 'light' || query.theme === 'dark' ? query.theme : undefined;
  await requireSignIn(theme ? `/catalog?theme=${theme}` : '/catalog');
  return (
    <>
      {/* ?theme=light|dark forces the colours, as on the view route (app/globals.css reads this marker). */}
      {theme ? <div className="ap-theme" data-theme={theme} hidden /> : null}
      <StudioHeader />
      <CatalogGallery catalog={catalog} render={async (text) => (await host().preview(text)).render} />
    </>
  );
}
