import { notFound } from 'next/navigation';
import { isPlatformError } from '../../../../lib/platform';
import { Studio } from '../../../../components/studio/studio';
import { pageTextOf } from '../../../../lib/spec/page-text';
import { requestHost } from '../../../_server/request-host';
import { pageSchema, studioPalette } from '../../../_server/page-schema';
import { StudioHeader } from '../../../_server/studio-header';
import { requireSignIn } from '../../../_server/session';

export const dynamic = 'force-dynamic';

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignIn(`/pages/${encodeURIComponent(id)}/edit`);
  let page;
  try {
    page = await (await requestHost()).client.getPage(id);
  } catch (error) {
    if (isPlatformError(error) && error.status === 404) notFound();
    throw error;
  }
  const { schema, id: schemaId } = pageSchema();
  return (
    <>
      <StudioHeader />
      <Studio
        key={page.id}
        initialText={pageTextOf(page)}
        pageId={page.id}
        version={page.version}
        updatedAt={page.updated_at}
        schema={schema}
        schemaId={schemaId}
        palette={studioPalette()}
      />
    </>
  );
}
