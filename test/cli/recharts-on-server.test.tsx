/**
 * The package's bundle renders `amdahl-pages test` with recharts replaced by
 * packages/cli/src/render/recharts-on-server.tsx. Every catalog example,
 * rendered over the seeded local platform through the CLI's renderPage, first
 * with recharts and then with the stand-in, must give the same problems and
 * the same markup, apart from the attributes recharts puts on its own empty
 * wrappers (their measured size).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { catalog } from '../../catalog';
import { examplesOf } from '../../catalog/examples';
import { createLocalPlatform, type LocalPlatform } from '../../lib/local-platform';
import { planPage } from '../../lib/render/plan';
import { runQueries, type QueryOutcome, type SqlResult } from '../../lib/render/run-queries';
import { searchRunners } from '../../lib/render/search-runners';
import { createPlatformClient } from '../../lib/platform';
import { normalisePage } from '../../lib/spec/normalise';
import type { Page } from '../../lib/spec/page-model';
import { loadSqlParser } from '../../lib/spec/sql-check';
import type { RenderReport } from '../../packages/cli/src/render/render-page';

const INITDB_TEMPLATE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');

let dir: string;
let platform: LocalPlatform;
const pages: { name: string; page: Page; outcomes: Record<string, QueryOutcome> }[] = [];

beforeAll(async () => {
  await loadSqlParser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-recharts-'));
  platform = createLocalPlatform({ dir, initdbTemplate: INITDB_TEMPLATE });
  await platform.ready();
  const client = createPlatformClient({ baseUrl: 'http://local.test/api/platform/v1', apiKey: 'amdhl_local_dev', fetch: (r: Request) => platform.handle(r) });
  const runSql = async (sql: string, signal?: AbortSignal): Promise<SqlResult> => client.query(sql, { signal });
  for (const type of catalog.types) {
    for (const example of examplesOf(type)) {
      const page = normalisePage(JSON.parse(example.text));
      const outcomes = await runQueries(planPage(page, catalog), { runSql, sources: searchRunners(client), concurrency: 2 });
      pages.push({ name: example.id, page, outcomes });
    }
  }
}, 180_000);

afterAll(async () => {
  await platform?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function renderAll(): Promise<Map<string, RenderReport>> {
  const { renderPage } = await import('../../packages/cli/src/render/render-page');
  const reports = new Map<string, RenderReport>();
  for (const { name, page, outcomes } of pages) reports.set(name, await renderPage(page, outcomes));
  return reports;
}

/** recharts' own empty wrappers, without the size it measured for them. */
function comparable(html: string): string {
  return html.replace(/<div\b[^>]*\bclass="(recharts-responsive-container|recharts-wrapper)"[^>]*>/g, '<div class="$1">');
}

it('renders every catalog example with the stand-in exactly as with recharts', async () => {
  expect(pages.length).toBeGreaterThanOrEqual(catalog.types.length);
  const withRecharts = await renderAll();
  vi.resetModules();
  vi.doMock('recharts', () => import('../../packages/cli/src/render/recharts-on-server'));
  const withStandIn = await renderAll();
  vi.doUnmock('recharts');

  let charts = 0;
  for (const { name } of pages) {
    const real = withRecharts.get(name)!;
    const stand = withStandIn.get(name)!;
    expect(stand.problems, name).toEqual(real.problems);
    expect(comparable(stand.html), name).toBe(comparable(real.html));
    if (real.html.includes('data-chart="')) charts++;
  }
  // The comparison covered the charts' views, not only pages without any.
  expect(charts).toBeGreaterThanOrEqual(12);
}, 120_000);
