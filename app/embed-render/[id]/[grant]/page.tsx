/**
 * An embedded page, reached only through the embed proxy (proxy.ts), which
 * verified the token and kept the grant this path names. Rendered through the
 * same path as the view route and kept as an ISR page for a second: a crowd
 * of viewers costs one render a second and, through the query cache, one
 * platform call per query per TTL. Anything wrong is the neutral 404.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EmbedFrame } from '../../../../components/embed/embed-frame';
import { PageView } from '../../../../components/page-renderer/page-view';
import { findRenderGrant } from '../../../../lib/embed/render-grant';
import { host } from '../../../_server/host';

export const revalidate = 1;
export const dynamicParams = true;

export function generateStaticParams(): { id: string; grant: string }[] {
  return [];
}

export const metadata: Metadata = { title: 'Amdahl page', robots: { index: false, follow: false } };

export default async function EmbedRender({ params }: { params: Promise<{ id: string; grant: string }> }) {
  const { id, grant: segment } = await params;
  const pageId = decodeURIComponent(id);
  const grant = findRenderGrant(pageId, segment);
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
