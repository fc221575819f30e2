/** The dashboard the benchmarks measure (bench/run.ts, bench/studio-latency.ts). */
const CHANNELS = ['email', 'chat', 'phone', 'sms', 'social', 'web'];
const TOPICS = ['billing', 'shipping', 'returns', 'account', 'product', 'other'];

/** A typical dashboard: 5 queries, 30 nodes (sections, grids, stats, charts, tables, text). */
export function dashboard(i: number): unknown {
  const channel = CHANNELS[i % CHANNELS.length];
  const topic = TOPICS[i % TOPICS.length];
  const days = 7 + (i % 90);
  const queries = [
    { name: 'totals', source: 'sql', sql: `SELECT COUNT(*) AS interactions, ROUND(AVG(csat), 2) AS avg_csat, AVG(CASE WHEN resolved THEN 1.0 ELSE 0 END) AS resolution_rate FROM interactions WHERE occurred_at >= TIMESTAMP '2026-11-01' - INTERVAL '${days} days'` },
    { name: 'by_channel', source: 'sql', sql: `SELECT channel, COUNT(*) AS events, COUNT(*) FILTER (WHERE direction = 'inbound') AS inbound FROM interactions WHERE duration_s > ${i % 60} GROUP BY channel ORDER BY events DESC` },
    { name: 'by_day', source: 'sql', sql: `SELECT date_trunc('day', occurred_at) AS day, COUNT(*) AS events FROM interactions WHERE channel = '${channel}' GROUP BY 1 ORDER BY 1 LIMIT ${100 + i}` },
    { name: 'by_topic', source: 'sql', sql: `SELECT topic, ROUND(AVG(sentiment_score)::numeric, 3) AS sentiment, COUNT(*) AS events FROM interactions WHERE topic <> '${topic}' GROUP BY topic` },
    { name: 'recent', source: 'sql', sql: `SELECT id, occurred_at, channel, topic, sentiment, csat FROM interactions WHERE csat IS NOT NULL ORDER BY occurred_at DESC LIMIT ${50 + (i % 50)}` },
  ];
  const stat = (label: string, field: string, format: string) => ({ type: 'Stat', props: { label, value: { $value: { query: 'totals', field } }, format } });
  const children = [
    { type: 'Heading', props: { text: `Operations ${i}`, level: 2 } },
    { type: 'Text', props: { text: 'Interactions across every channel, refreshed on each view.' } },
    { type: 'Grid', props: { columns: 3 }, children: [stat('Interactions', 'interactions', 'number'), stat('CSAT', 'avg_csat', 'decimal'), stat('Resolved', 'resolution_rate', 'ratio')] },
    {
      type: 'Row',
      children: [
        { type: 'BarChart', props: { title: 'By channel', data: { $query: 'by_channel' }, x: 'channel', y: ['events', 'inbound'] } },
        { type: 'LineChart', props: { title: 'Per day', data: { $query: 'by_day' }, x: 'day', y: 'events' } },
      ],
    },
    {
      type: 'Grid',
      props: { columns: 2 },
      children: [
        { type: 'PieChart', props: { title: 'Topics', data: { $query: 'by_topic' }, label: 'topic', value: 'events' } },
        { type: 'BarChart', props: { title: 'Sentiment by topic', data: { $query: 'by_topic' }, x: 'topic', y: 'sentiment', horizontal: true } },
      ],
    },
    { type: 'Callout', props: { title: 'Note', tone: 'neutral' }, children: [{ type: 'Text', props: { text: 'CSAT is surveyed on a sample.' } }] },
    { type: 'Divider' },
    {
      type: 'Card',
      props: { title: 'Latest surveyed' },
      children: [
        {
          type: 'Table',
          props: {
            data: { $query: 'recent' },
            columns: [
              { key: 'occurred_at', label: 'When', format: 'datetime' },
              { key: 'channel', label: 'Channel' },
              { key: 'topic', label: 'Topic' },
              { key: 'csat', label: 'CSAT', align: 'right' },
            ],
          },
        },
      ],
    },
    { type: 'Markdown', props: { body: `See the [runbook](https://example.com/runbook/${i}) for **definitions**.` } },
    { type: 'Spacer' },
    { type: 'Badge', props: { text: 'Demo data' } },
    {
      type: 'StatRow',
      children: [
        { type: 'Stat', props: { label: 'Interactions', value: { $value: { query: 'totals', field: 'interactions' } }, format: 'compact' } },
        { type: 'Stat', props: { label: 'CSAT', value: { $value: { query: 'totals', field: 'avg_csat' } }, format: 'decimal' } },
      ],
    },
    { type: 'AreaChart', props: { title: 'Volume', data: { $query: 'by_day' }, x: 'day', y: 'events' } },
    { type: 'Heading', props: { text: 'Details', level: 3 } },
    { type: 'Insight', props: { title: 'Channel mix', body: `Email leads the mix; ${channel} is the focus of this board.` } },
    { type: 'Divider' },
    { type: 'List', props: { items: ['Inbound and outbound', 'All channels', `Last ${days} days`] } },
  ];
  const root = { type: 'Section', props: { title: `Dashboard ${i}` }, children: [{ type: 'Section', props: { title: 'Overview' }, children }] };
  return { name: `Dashboard ${i}`, tags: ['bench'], declared_queries: queries, spec: { version: 1, layout: 'dashboard', root } };
}

