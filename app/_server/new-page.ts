/** What a new page starts from: small, valid, and bound to real data. */
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
