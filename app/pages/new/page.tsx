import { Studio } from '../../../components/studio/studio';
import { pageSchema } from '../../_server/page-schema';
import { StudioHeader } from '../../_server/studio-header';
import { requireSignIn } from '../../_server/session';
import { NEW_PAGE_TEXT } from '../../_server/new-page';

export const dynamic = 'force-dynamic';

export default async function NewPage() {
  await requireSignIn('/pages/new');
  const { schema, id } = pageSchema();
  return (
    <>
      <StudioHeader />
      <Studio initialText={NEW_PAGE_TEXT} schema={schema} schemaId={id} />
    </>
  );
}
