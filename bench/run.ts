/**
 * `npm run bench`: validation speed, measured in one run so the ratios hold
 * on a noisy machine.
 *
 * 1. The CLI's full check (JSON with positions, schema, semantics, SQL parse)
 *    of 1,000 dashboard files, side by side with ajv-cli's schema-only pass
 *    over the same files and the same generated schema. Target: ratio <= 1.
 * 2. In-process throughput of validatePage on one core over typical
 *    dashboards (30 nodes, 5 queries). Target: >= 5,000 specs a second.
 *    Reported twice: every query's SQL new to the process (cold: each
 *    statement parsed), and the same specs again (warm: the SQL check is
 *    cached by text, as in an editor session or a CI run over pages that
 *    share queries).
 * 3. Embed throughput beside a static asset's on the same server (bench/embed.ts).
 * 4. One screen of the pages list, filtered by the platform or by the studio (bench/pages-list.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../catalog';
import { clearSqlCache, loadSqlParser } from '../lib/spec/sql-check';
import { prepareCatalog, validatePage } from '../lib/spec/validate';
import { benchEmbed } from './embed';
import { benchPagesAsCode } from './pages-as-code';
import { benchPagesList } from './pages-list';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out', 'specs');
const FILES = 1000;

const CHANNELS = ['email', 'chat', 'phone', 'sms', 'social', 'web'];
const TOPICS = ['billing', 'shipping', 'returns', 'account', 'product', 'other'];

/** A typical dashboard: 5 queries, 30 nodes (sections, grids, stats, charts, tables, text). */
function dashboard(i: number): unknown {
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

function countNodes(node: { children?: unknown[] }): number {
  return 1 + (node.children ?? []).reduce<number>((n, c) => n + countNodes(c as { children?: unknown[] }), 0);
}

function timeCommand(label: string, command: string, args: string[], runs = 3): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (result.status !== 0) {
      throw new Error(`${label} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}${result.stdout.toString().slice(0, 2000)}`);
    }
  }
  return Math.min(...times);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const texts: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const text = `${JSON.stringify(dashboard(i), null, 2)}\n`;
    texts.push(text);
    writeFileSync(path.join(OUT, `dashboard-${String(i).padStart(4, '0')}.json`), text);
  }
  const sample = dashboard(0) as { spec: { root: { children?: unknown[] } }; declared_queries: unknown[] };
  console.log(`${FILES} dashboards, ${countNodes(sample.spec.root)} nodes and ${sample.declared_queries.length} queries each, in ${path.relative(ROOT, OUT)}`);

  // The files must be valid, or the comparison would time error reporting.
  await loadSqlParser();
  const dirty = texts.map((t) => validatePage(t, catalog)).filter((d) => d.length > 0);
  if (dirty.length > 0) throw new Error(`generated specs are not clean: ${JSON.stringify(dirty[0]).slice(0, 500)}`);
  clearSqlCache();

  // 1. CLI against ajv-cli, same schema, same files, best of three each.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const cli = timeCommand('amdahl-pages', process.execPath, ['bin/amdahl-pages.mjs', 'validate', '--format', 'json', path.relative(ROOT, OUT)]);
  const ajv = timeCommand('ajv-cli', process.execPath, ['node_modules/ajv-cli/dist/index.js', 'validate', '-s', 'schema/page.schema.json', '-d', `${path.relative(ROOT, OUT)}/*.json`, '--spec=draft7', '--strict=false', '--errors=no']);
  console.log('\nCLI over 1,000 files (process start included, best of 3):');
  console.log(`  amdahl-pages validate (schema + semantics + positions + SQL parse): ${cli.toFixed(0)} ms`);
  console.log(`  ajv-cli validate (schema only):                                     ${ajv.toFixed(0)} ms`);
  console.log(`  ratio amdahl-pages / ajv-cli: ${(cli / ajv).toFixed(2)} (target <= 1.00: ${cli <= ajv ? 'met' : 'NOT met'})`);

  // 2. In-process, one core.
  prepareCatalog(catalog);
  for (let i = 0; i < 50; i++) validatePage(texts[i]!, catalog);
  clearSqlCache();
  let started = performance.now();
  for (const text of texts) validatePage(text, catalog);
  const cold = performance.now() - started;
  const rounds = 3;
  started = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of texts) validatePage(text, catalog);
  const warm = (performance.now() - started) / rounds;
  const coldRate = (FILES / cold) * 1000;
  const warmRate = (FILES / warm) * 1000;
  console.log('\nIn process, one core, typical dashboards:');
  console.log(`  cold (every SQL statement parsed):  ${coldRate.toFixed(0)} specs/s (${(cold / FILES).toFixed(3)} ms each)`);
  console.log(`  warm (SQL checks cached by text):   ${warmRate.toFixed(0)} specs/s (${(warm / FILES).toFixed(3)} ms each)`);
  console.log(`  target >= 5,000 specs/s: cold ${coldRate >= 5000 ? 'met' : 'NOT met'}, warm ${warmRate >= 5000 ? 'met' : 'NOT met'}`);
  const memory = process.memoryUsage();
  console.log(`  heap used ${(memory.heapUsed / 1e6).toFixed(0)} MB, rss ${(memory.rss / 1e6).toFixed(0)} MB`);
}

await main();
await benchPagesAsCode();
await benchEmbed();
await benchPagesList();
