/**
 * One screen of the pages list over 2,000 pages in the local platform's page
 * store, read as the platform client reads a list answer: unfiltered (the
 * platform's cursor, one call), by tag (the platform filters), and by a name
 * search the studio matches itself, which in the worst case (a rare name)
 * walks MAX_SCAN_CALLS batches of 100. Reported as ms a screen and as the
 * ratio to the unfiltered screen, from one run. Target: a worst-case search
 * screen <= 20x an unfiltered one (it reads 40x as many pages).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PagesStore, type Page } from '../lib/local-platform/pages-store';
import { listPagesScreen, type ListOnce, type PagesListQuery } from '../lib/pages-list/list-pages';
import { decodeListPage, pageSummarySchema } from '../lib/platform';

const PAGES = 2000;

export async function benchPagesList(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-bench-list-'));
  try {
    const base = Date.parse('2026-01-01T00:00:00Z');
    const pages: Page[] = Array.from({ length: PAGES }, (_, i) => {
      const stamp = new Date(base + i * 60_000).toISOString();
      return {
        id: `page_${String(i).padStart(20, '0')}`,
        name: i === 7 ? 'Needle board' : `Board ${i}`,
        tags: [`team-${i % 20}`],
        status: i % 4 === 0 ? 'published' : 'draft',
        declared_queries: [{ name: 'q', source: 'sql', sql: 'SELECT channel, COUNT(*) AS n FROM interactions GROUP BY 1' }],
        spec: { version: 1, root: { type: 'Section', children: Array.from({ length: 20 }, () => ({ type: 'Text', props: { text: 'x'.repeat(40) } })) } },
        created_at: stamp,
        updated_at: stamp,
        version: 1,
      };
    });
    const file = path.join(dir, 'pages.json');
    writeFileSync(file, JSON.stringify({ format: 1, pages }));
    const store = new PagesStore(file, () => new Date());
    await store.open();
    const listOnce: ListOnce = async (params) => {
      const body = await store.list({ limit: params.limit, ...(params.cursor ? { cursor: params.cursor } : {}), ...(params.tag ? { tag: params.tag } : {}) });
      return decodeListPage(JSON.parse(JSON.stringify(body)), pageSummarySchema, { status: 200, method: 'GET', path: '/pages' });
    };
    const time = async (query: PagesListQuery, runs = 20): Promise<{ ms: number; items: number; scanned: number }> => {
      let last = await listPagesScreen(listOnce, query);
      const started = performance.now();
      for (let r = 0; r < runs; r++) last = await listPagesScreen(listOnce, query);
      return { ms: (performance.now() - started) / runs, items: last.items.length, scanned: last.scanned };
    };
    const plain = await time({});
    const tag = await time({ tag: 'team-3' });
    const status = await time({ status: 'published' });
    const rare = await time({ q: 'needle' });
    console.log(`\nPages list, one screen over ${PAGES} pages in the local store (mean of 20):`);
    for (const [label, r] of [['unfiltered', plain], ['tag (platform)', tag], ['status (studio)', status], ['rare name (studio, worst case)', rare]] as const) {
      console.log(`  ${label.padEnd(32)} ${r.ms.toFixed(2)} ms, ${r.items} shown of ${r.scanned} read, ${(r.ms / plain.ms).toFixed(1)}x unfiltered`);
    }
    console.log(`  target: worst case <= 20x unfiltered: ${rare.ms / plain.ms <= 20 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPagesList();
