/**
 * The view route streams, in real Chromium over the production build: a page
 * with one query that takes about 3 s and three that take about 50 ms shows
 * the three fast parts while the slow one still shows its placeholder, and
 * the slow one arrives later, in place. The latency comes from the local
 * platform's test-only delay comments (`/* delay:<ms> *\/`, on only through
 * AMDAHL_LOCAL_QUERY_DELAY_COMMENTS), since PGlite runs one statement at a
 * time and a `pg_sleep` would hold back the fast queries too.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';
import { createPage } from './embed-fixtures';

const SLOW_MS = 3000;
const FAST_MS = 50;

let app: AppServer;
let browser: Browser;

const page = {
  name: 'Streaming test page',
  tags: ['streaming-test'],
  declared_queries: [
    { name: 'fast_email', source: 'sql', sql: `/* delay:${FAST_MS} */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'email'` },
    { name: 'fast_chat', source: 'sql', sql: `/* delay:${FAST_MS} */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'chat'` },
    { name: 'fast_phone', source: 'sql', sql: `/* delay:${FAST_MS} */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'phone'` },
    { name: 'slow_by_channel', source: 'sql', sql: `/* delay:${SLOW_MS} */ SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel` },
  ],
  spec: {
    version: 1,
    layout: 'dashboard',
    root: {
      type: 'Section',
      props: { title: 'Streaming sections' },
      children: [
        { type: 'Stat', props: { label: 'Email rows', value: { $value: { query: 'fast_email', field: 'n' } } } },
        { type: 'Stat', props: { label: 'Chat rows', value: { $value: { query: 'fast_chat', field: 'n' } } } },
        { type: 'Stat', props: { label: 'Phone rows', value: { $value: { query: 'fast_phone', field: 'n' } } } },
        { type: 'Table', props: { data: { $query: 'slow_by_channel' } } },
      ],
    },
  },
};

const FAST = ['/root/children/0', '/root/children/1', '/root/children/2'];
const SLOW = '/root/children/3';
const rendered = (pointer: string) => `.ap-node[data-pointer="${pointer}"]`;
const loading = (pointer: string) => `.ap-node-loading[data-pointer="${pointer}"]`;

beforeAll(async () => {
  app = await startApp({ env: { AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: '1' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A copy of the page whose statements are new to the server (the comment is part of the cache key: nothing comes from the cache). */
function variant(tag: string) {
  return {
    ...page,
    name: `${page.name} ${tag}`,
    declared_queries: page.declared_queries.map((q) => ({ ...q, sql: `/* ${tag} */ ${q.sql}` })),
  };
}

interface Visit {
  shellMs: number;
  fastMs: number[];
  slowMs: number;
  slowPendingVisible: boolean;
  slowRenderedEarly: boolean;
  fastTexts: string[];
  slowText: string;
  placeholderLeft: number;
  errors: string[];
  offHost: string[];
}

async function visit(definition: typeof page): Promise<Visit> {
  const { id } = await createPage(app.url, definition);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const offHost = watchOffHostRequests(tab);

    const started = Date.now();
    await tab.goto(`${app.url}/pages/${encodeURIComponent(id)}`, { waitUntil: 'commit' });
    await tab.locator('h1', { hasText: definition.name }).waitFor({ state: 'visible', timeout: 20_000 });
    const shellMs = Date.now() - started;
    const fastMs: number[] = [];
    for (const pointer of FAST) {
      await tab.locator(rendered(pointer)).waitFor({ state: 'visible', timeout: 20_000 });
      fastMs.push(Date.now() - started);
    }
    // All three fast parts are on screen: is the slow part still its placeholder, not its table?
    const slowPendingVisible = await tab.locator(loading(SLOW)).isVisible();
    const slowRenderedEarly = await tab.locator(rendered(SLOW)).isVisible();
    const fastTexts = await Promise.all(FAST.map((p) => tab.locator(rendered(p)).innerText()));

    await tab.locator(rendered(SLOW)).waitFor({ state: 'visible', timeout: 30_000 });
    const slowMs = Date.now() - started;
    const slowText = await tab.locator(rendered(SLOW)).innerText();
    const placeholderLeft = await tab.locator(loading(SLOW)).count();
    return { shellMs, fastMs, slowMs, slowPendingVisible, slowRenderedEarly, fastTexts, slowText, placeholderLeft, errors, offHost };
  } finally {
    await context.close();
  }
}

function expectStreamed(v: Visit, what: string): void {
  console.log(`streaming, ${what}: shell ${v.shellMs} ms, fast parts ${v.fastMs.join(' / ')} ms, slow part ${v.slowMs} ms (slow query delay ${SLOW_MS} ms, fast ${FAST_MS} ms)`);
  expect(v.slowPendingVisible, 'the slow part shows its placeholder while the fast ones are visible').toBe(true);
  expect(v.slowRenderedEarly, 'the slow part is not rendered before its query answers').toBe(false);
  for (const [i, text] of v.fastTexts.entries()) expect(text, `fast part ${i}`).toMatch(/(Email|Chat|Phone) rows\s*\S*\d/);
  expect(Math.max(...v.fastMs), 'the fast parts do not wait for the slow query').toBeLessThan(v.slowMs - SLOW_MS / 2);
  expect(v.slowMs, 'the slow part arrives after its delay').toBeGreaterThanOrEqual(SLOW_MS);
  expect(v.slowText).toMatch(/email/);
  expect(v.placeholderLeft, 'the placeholder is replaced').toBe(0);
  expect(v.errors).toEqual([]);
  expect(v.offHost).toEqual([]);
}

describe('the view route streams each part as its queries answer', () => {
  it('shows the three fast parts while the slow one shows its placeholder, then the slow one', async () => {
    // The server's first view (routes and the SQL parser load), then a second page on a warm server.
    expectStreamed(await visit(page), 'first view of a new server');
    expectStreamed(await visit(variant('second')), 'warm server');
  });
});
