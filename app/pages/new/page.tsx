/** A new page: blank (a small valid start), from one of the platform's templates (`?template=<slug>`) or from a catalog example (`?example=<type>/<file>`). */
import Link from 'next/link';
import { Studio } from '../../../components/studio/studio';
import { pageTextOf } from '../../../lib/spec/page-text';
import { isPlatformError, type TemplateSummary } from '../../../lib/platform';
import { requestHost } from '../../_server/request-host';
import { pageSchema, studioPalette } from '../../_server/page-schema';
import { StudioHeader } from '../../_server/studio-header';
import { requireSignIn } from '../../_server/session';
import { exampleStartingText, NEW_PAGE_TEXT } from '../../_server/new-page';

export const dynamic = 'force-dynamic';

async function startingText(slug: string | undefined): Promise<{ text: string; problem?: string }> {
  if (!slug) return { text: NEW_PAGE_TEXT };
  try {
    const template = await (await requestHost()).client.getTemplate(slug);
    return { text: pageTextOf({ name: template.name ?? template.title ?? slug, tags: template.tags ?? [], declared_queries: template.declared_queries ?? [], spec: template.spec }) };
  } catch (error) {
    return { text: NEW_PAGE_TEXT, problem: isPlatformError(error) && error.status === 404 ? `There is no template "${slug}"` : `The template could not be loaded: ${(error as Error).message}` };
  }
}

export default async function NewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const example = typeof query.example === 'string' ? query.example : undefined;
  const slug = example === undefined && typeof query.template === 'string' ? query.template : undefined;
  await requireSignIn(example ? `/pages/new?example=${encodeURIComponent(example)}` : slug ? `/pages/new?template=${encodeURIComponent(slug)}` : '/pages/new');
  const { schema, id } = pageSchema();
  const { text, problem } = example !== undefined ? exampleStartingText(example) : await startingText(slug);
  const start = example !== undefined ? `example:${example}` : slug ? `template:${slug}` : 'new';
  let templates: TemplateSummary[] = [];
  try {
    templates = await (await requestHost()).client.listTemplates();
  } catch {
    // The studio works without templates; the platform may not offer them.
  }
  return (
    <>
      <StudioHeader />
      {templates.length > 0 ? (
        <nav className="st-templates" aria-label="Start from a template">
          <span>Start from:</span>
          <Link href="/pages/new" className={slug || example ? undefined : 'st-current'}>
            Blank
          </Link>
          {templates.map((t) => (
            <Link key={t.slug} href={`/pages/new?template=${encodeURIComponent(t.slug)}`} title={t.description} className={slug === t.slug ? 'st-current' : undefined}>
              {t.name ?? t.title ?? t.slug}
            </Link>
          ))}
        </nav>
      ) : null}
      {problem ? <div className="st-banner st-banner-error">{problem}</div> : null}
      <Studio key={start} initialText={text} schema={schema} schemaId={id} draftKey={start} palette={studioPalette()} />
    </>
  );
}
