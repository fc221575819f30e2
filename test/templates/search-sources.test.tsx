// @vitest-environment jsdom
/**
 * The two search sources on the render path: a page with one cluster_search
 * and one kb_search query, run by the platform client through the runners the
 * host uses (lib/render/search-runners.ts), bound by `$query` and `$value` as
 * SQL rows are, rendered to HTML over the seeded local platform. Then the same
 * page against a platform without the knowledge-base endpoint: a fetch wrapper
 * answers 404 for /search/kb only (the real local platform has the endpoint,
 * so this is the one fault it cannot produce), and only that node shows an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prerenderToNodeStream } from 'react-dom/static';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { ViewRegistry } from '../../components/page-renderer/catalog-view';
import { PageView } from '../../components/page-renderer/page-view';
import { lazyViewRegistry } from '../../packages/cli/src/render/view-registry';
import { createLocalPlatform, type LocalPlatform } from '../../lib/local-platform';
import { createPlatformClient, type FetchLike } from '../../lib/platform';
import { planPage } from '../../lib/render/plan';
import { runQueries, type QueryOutcome } from '../../lib/render/run-queries';
import { NO_KB_ENDPOINT, searchRunners } from '../../lib/render/search-runners';
import { normalisePage } from '../../lib/spec/normalise';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';


const KEY = 'amdhl_' + 'd1'.repeat(16);
const INITDB_TEMPLATE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');

const PAGE = {
  name: 'Voice of the customer: deliveries',
  tags: [],
  declared_queries: [
    { name: 'late_deliveries', source: 'cluster_search', query: 'parcel arrived damaged', target: 'interactions' },
    { name: 'help_articles', source: 'kb_search', query: 'damaged parcel' },
  ],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      props: { title: 'Deliveries' },
      children: [
        { type: 'Stat', props: { label: 'Best match', value: { $value: { query: 'late_deliveries', field: 'similarity' } } } },
        { type: 'Table', props: { data: { $query: 'late_deliveries' }, columns: [{ key: 'content_preview' }, { key: 'similarity' }] } },
        { type: 'Table', props: { data: { $query: 'help_articles' }, columns: [{ key: 'title' }, { key: 'snippet' }] } },
      ],
    },
  },
};

let dir: string;
let platform: LocalPlatform;

/** The platform as the app's client sees it, optionally with a fault in front of it. */
function clientFor(fault?: (request: Request) => Response | undefined) {
  const fetch: FetchLike = async (request) => fault?.(request) ?? platform.handle(request);
  return createPlatformClient({ baseUrl: 'http://local.test/api/platform/v1', apiKey: KEY, fetch, retry: { maxAttempts: 1 } });
}

async function render(client: ReturnType<typeof clientFor>): Promise<{ doc: Document; outcomes: Record<string, QueryOutcome> }> {
  expect(validatePage(PAGE, catalog).filter((d) => d.severity === 'error')).toEqual([]);
  const page = normalisePage(PAGE);
  const outcomes = await runQueries(planPage(page, catalog), {
    runSql: (sql, signal) => client.query(sql, { signal }),
    sources: searchRunners(client),
  });
  const { prelude } = await prerenderToNodeStream(
    <ViewRegistry.Provider value={lazyViewRegistry(catalog.types)}>
      <PageView page={page} outcomes={outcomes} />
    </ViewRegistry.Provider>,
  );
  let html = '';
  for await (const chunk of prelude) html += chunk;
  return { doc: new DOMParser().parseFromString(html, 'text/html'), outcomes };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-search-render-'));
  platform = createLocalPlatform({
    dir,
    initdbTemplate: INITDB_TEMPLATE,
    warmBusinesses: ['other'],
    keys: [{ key: KEY, business: 'other', scopes: ['data:read', 'pages:read'], name: 'viewer' }],
  });
  await Promise.all([platform.ready(), loadSqlParser()]);
}, 180_000);

afterAll(async () => {
  await platform?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('cluster_search and kb_search on a page', () => {
  it('render rows from the local platform, bound by $query and $value like SQL rows', async () => {
    const { doc, outcomes } = await render(clientFor());
    expect([...doc.querySelectorAll('.ap-error-card')].map(text)).toEqual([]);

    const matches = outcomes.late_deliveries!;
    const articles = outcomes.help_articles!;
    if (!matches.ok || !articles.ok) throw new Error(JSON.stringify(outcomes));
    expect(matches.result.rows).toHaveLength(20);
    expect(matches.result.columns.map((c) => c.name)).toEqual(['id', 'source_row_id', 'company_id', 'occurred_at', 'speaker_type', 'content_preview', 'similarity']);
    expect(articles.result.rows[0]).toMatchObject({ id: 'shipping-damaged-parcel', title: 'My parcel arrived damaged' });

    const body = text(doc.body);
    // The first match's own words and the best article's title reach the page.
    expect(body).toContain(String(matches.result.rows[0]!.content_preview));
    expect(body).toContain('My parcel arrived damaged');
    // $value binds the first row's field: the best match's similarity.
    const best = matches.result.rows[0]!.similarity as number;
    expect(best).toBeGreaterThan(0.5);
    const stat = doc.querySelector('[data-ap-stat] [data-testid="stat-value"]');
    expect(Number(text(stat))).toBeCloseTo(best, 2);
  });

  it('against a platform without the knowledge-base endpoint, only the kb_search node shows one named error', async () => {
    let refused = 0;
    const { doc, outcomes } = await render(
      clientFor((request) => {
        if (!new URL(request.url).pathname.endsWith('/search/kb')) return undefined;
        refused++;
        return Response.json({ error: { code: 'not_found', message: 'no such endpoint: /search/kb' } }, { status: 404 });
      }),
    );
    expect(refused).toBe(1);
    expect(outcomes.help_articles).toEqual({ ok: false, error: { code: 'no_kb_endpoint', message: NO_KB_ENDPOINT } });
    const cards = [...doc.querySelectorAll('.ap-error-card')].map(text);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain(NO_KB_ENDPOINT);
    expect(cards[0]).toContain('help_articles');
    // The cluster_search nodes still render their rows.
    expect(outcomes.late_deliveries?.ok).toBe(true);
    if (outcomes.late_deliveries?.ok) expect(text(doc.body)).toContain(String(outcomes.late_deliveries.result.rows[0]!.content_preview));
  });
});
