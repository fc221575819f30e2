/** What a new page starts from: small, valid, and bound to real data; or one of the catalog's examples. */
import { catalog } from '../../catalog';
import { exampleById } from '../../catalog/examples';
import { readDocument, isObject } from '../../lib/spec/document';
import { pageTextOf } from '../../lib/spec/page-text';
export const NEW_PAGE_TEXT = `${JSON.stringify(
  {
    name: 'Untitled page',
    tags: [],
    declared_queries: [
      {
        name: 'by_channel',
        source: 'sql',
        sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY events DESC',
      },
    ],
    spec: {
      version: 1,
      layout: 'dashboard',
      root: {
        type: 'Section',
        props: { title: 'Untitled page' },
        children: [
          { type: 'BarChart', props: { title: 'Events by channel', data: { $query: 'by_channel' }, x: 'channel', y: 'events' } },
          { type: 'Table', props: { data: { $query: 'by_channel' } } },
        ],
      },
    },
  },
  null,
  2,
)}\n`;

/** The editor's text for the catalog example `<type>/<file>` (`/pages/new?example=...`), or why there is none. */
export function exampleStartingText(id: string): { text: string; problem?: string } {
  const found = exampleById(id, catalog);
  if (!found.ok) return { text: NEW_PAGE_TEXT, problem: found.problem };
  let value: unknown;
  try {
    value = JSON.parse(found.example.text);
  } catch (error) {
    return { text: NEW_PAGE_TEXT, problem: `The example ${id} is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value) || readDocument(value).kind !== 'page') return { text: NEW_PAGE_TEXT, problem: `The example ${id} is not a page` };
  return { text: pageTextOf(value as Parameters<typeof pageTextOf>[0]) };
}
