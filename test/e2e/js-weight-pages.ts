/**
 * The pages whose JavaScript weight is measured, and the markers that tell
 * which library a downloaded script holds. Shared by the weight test and the
 * report script (`npx tsx test/e2e/js-weight-report.ts`).
 */

/** Patterns that survive minification: CSS class names, property names and messages each library keeps as strings. */
export const LIBRARY_MARKERS: Record<string, RegExp> = {
  recharts: /recharts-(wrapper|surface|layer)/,
  'react-dom': /__reactFiber\$|__reactContainer\$/,
  'next-runtime': /__next_f|NEXT_REDIRECT|next-router-state-tree/,
  zod: /\._zod\b|ZodError|\$ZodType/,
  markdown: /micromark|mdast|remark-gfm|hastscript/,
  'tanstack-table': /getHeaderGroups|getCoreRowModel/,
  'tanstack-virtual': /getVirtualItems/,
  'jsonc-parser': /InvalidSymbol|findNodeAtLocation/,
  monaco: /MonacoEnvironment|monaco-editor|\.monaco-editor/,
  studio: /amdahl:draft:|\/api\/preview/,
};

function pageBody(name: string, queries: { name: string; sql: string }[], children: unknown[]) {
  return {
    name,
    tags: ['js-weight'],
    declared_queries: queries.map((q) => ({ ...q, source: 'sql' })),
    spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: { title: name }, children } },
  };
}

const BY_CHANNEL = { name: 'by_channel', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' };

export const WEIGHED_PAGES = {
  barChart: pageBody('One bar chart', [BY_CHANNEL], [{ type: 'BarChart', props: { title: 'Events by channel', data: { $query: 'by_channel' }, x: 'channel', y: 'events' } }]),
  table: pageBody('One table', [BY_CHANNEL], [{ type: 'Table', props: { data: { $query: 'by_channel' } } }]),
  headingText: pageBody('Heading and text', [], [
    { type: 'Heading', props: { text: 'Plain words', level: 2 } },
    { type: 'Text', props: { text: 'Nothing here binds a query or draws a chart.' } },
  ]),
} as const;

/** Creates a page on the app's platform (local or remote) and answers its id. */
export async function createPage(appUrl: string, body: unknown, apiKey = 'amdhl_local_dev'): Promise<string> {
  const response = await fetch(`${appUrl}/api/platform/v1/pages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { id?: string; page?: { id?: string } };
  const id = answer.id ?? answer.page?.id;
  if (!response.ok || !id) throw new Error(`creating a page failed: ${response.status} ${JSON.stringify(answer)}`);
  return id;
}
