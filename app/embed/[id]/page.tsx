/**
 * An embedded page, `/embed/<id>?token=…`. The embed proxy (proxy.ts) verified
 * the token before this runs and handed the grant it kept to this request in
 * a header with a secret of this process; no rewrite, so no response names an
 * internal path. Rendered on every request through the same path as the view
 * route; the app's server (scripts/serve-app.ts) keeps each rendered grant a
 * second in front of it, dropped the moment its page changes. Anything wrong
 * is the neutral 404.
 */
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { EmbedFrame } from '../../../components/embed/embed-frame';
import { PageView } from '../../../components/page-renderer/page-view';
import { GRANT_HEADER, INTERNAL_PASS_HEADER, findRenderGrant, isInternalPass } from '../../../lib/embed/render-grant';
import { host } from '../../_server/host';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Amdahl page', robots: { index: false, follow: false } };

export default async function Embed({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const pageId = decodeURIComponent(id);
  const request = await headers();
  const grant = isInternalPass(request.get(INTERNAL_PASS_HEADER)) ? findRenderGrant(pageId, request.get(GRANT_HEADER) ?? '') : undefined;
  if (!grant) notFound();
  const result = await host().embeds.render(grant);
  if (!result.ok) {
    console.warn(`embed refused (404) /embed/${pageId}: ${result.reason}`);
    notFound();
  }
  return (
    <EmbedFrame pageId={pageId} theme={grant.theme} origins={grant.origins} anyOrigin={grant.audience === 'public' && grant.origins.length === 0}>
      <PageView page={result.data.page} outcomes={result.data.outcomes} rowsHref={(pointer) => `/embed/${encodeURIComponent(pageId)}/rows?node=${encodeURIComponent(pointer)}`} />
    </EmbedFrame>
  );
}
