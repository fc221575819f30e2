/**
 * One example page, rendered over the local data through the host's render
 * path and the same PageView the view route uses (its JSON is beside it, on
 * demand: example-source.tsx).
 * An async server component: the gallery streams each example as its
 * queries finish.
 */
import type { RenderData } from '../../lib/host/host';
import type { CatalogExample } from '../../catalog/examples';
import { ErrorCard } from '../page-renderer/error-card';
import { PageView } from '../page-renderer/page-view';
import styles from './gallery.module.css';

/** Renders the text of a page with its params' defaults; undefined when the text is not a page. */
export type RenderExample = (text: string) => Promise<RenderData | undefined>;

export async function ExampleRender({ example, render }: { example: CatalogExample; render: RenderExample }) {
  let data: RenderData | undefined;
  try {
    data = await render(example.text);
  } catch (error) {
    return <ErrorCard title="The example could not be rendered" message={(error as Error).message} />;
  }
  if (!data) return <ErrorCard title="The example is not a page" message={`${example.id} is not a page the validator can read.`} />;
  return (
    <div className={styles.render} data-example-ready={example.id}>
      <PageView page={data.page} outcomes={data.outcomes} rowsHref={(pointer) => `/catalog/rows?example=${encodeURIComponent(example.id)}&node=${encodeURIComponent(pointer)}`} />
    </div>
  );
}

export function exampleName(example: CatalogExample): string {
  try {
    const name = (JSON.parse(example.text) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  } catch {
    // An unreadable example is named by its file; rendering it says what is wrong.
  }
  return example.file;
}
