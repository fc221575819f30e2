/**
 * An embed with one BarChart, in headless Chromium on the production build:
 * the JavaScript it downloads (gzipped; 282 KB before this measurement
 * existed) and when its chart is first painted. Twice: as served, and with
 * recharts' chunk held back 1.5 s, to show that the figure (named, sized,
 * its placeholder drawing) is painted before recharts has loaded, and that
 * recharts then takes over.
 */
import type { Browser, Page } from 'playwright-core';
import { ensureBuild, startApp } from '../test/e2e/app-server';
import { launchBrowser } from '../test/e2e/browser';
import { createPage, mint } from '../test/e2e/embed-fixtures';
import { measureJsWeight } from '../test/e2e/js-weight';
import { LIBRARY_MARKERS, WEIGHED_PAGES } from '../test/e2e/js-weight-pages';

const HOLD_MS = 1500;
const BEFORE_KB = 282;

interface Paint {
  fcp: number;
  /** The figure on screen with its name, its size and the placeholder (ms since navigation start). */
  figure: number;
  /** The recharts chunk's last byte. */
  recharts: number;
  /** The chart's SVG drawn by recharts. */
  drawn: number;
}

/** Records, from the first frame, when the figure is painted named and sized, and when recharts draws. */
const WATCH = `(() => {
  const marks = (window.__paint = { figure: -1, drawn: -1 });
  const tick = () => {
    const fig = document.querySelector('figure[data-chart][aria-label]');
    if (marks.figure < 0 && fig && fig.getBoundingClientRect().height > 100 && fig.querySelector('[data-chart-placeholder], .recharts-surface')) marks.figure = performance.now();
    if (marks.drawn < 0 && document.querySelector('figure[data-chart] .recharts-surface')) marks.drawn = performance.now();
    if (marks.figure < 0 || marks.drawn < 0) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function paintOf(page: Page, url: string, hold: boolean): Promise<Paint> {
  let rechartsUrl = '';
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (LIBRARY_MARKERS.recharts!.test(body.toString('utf8'))) {
      rechartsUrl = route.request().url();
      if (hold) await new Promise((r) => setTimeout(r, HOLD_MS));
    }
    await route.fulfill({ response, body });
  });
  await page.addInitScript(WATCH);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __paint: { drawn: number } }).__paint.drawn > 0, undefined, { timeout: 30_000 });
  return page.evaluate((chunk) => {
    const marks = (window as unknown as { __paint: { figure: number; drawn: number } }).__paint;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
    const recharts = (performance.getEntriesByName(chunk)[0] as PerformanceResourceTiming | undefined)?.responseEnd ?? -1;
    return { fcp, figure: marks.figure, recharts, drawn: marks.drawn };
  }, rechartsUrl);
}

async function fresh<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

export async function benchEmbedFirstPaint(): Promise<void> {
  ensureBuild();
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const id = await createPage(app.url, WEIGHED_PAGES.barChart).then((p) => p.id);
    const { url } = await mint(app.url, id, { audience: 'public' });
    await fetch(url); // the query warm, as for any viewer after the first
    const weight = await fresh(browser, (page) => measureJsWeight(page, url, { markers: LIBRARY_MARKERS }));
    const served = await fresh(browser, (page) => paintOf(page, url, false));
    const held = await fresh(browser, (page) => paintOf(page, url, true));
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log('\nEmbed with one BarChart, headless Chromium, production build:');
    console.log(`  JavaScript: ${(weight.totalGzipBytes / 1024).toFixed(0)} KB gzipped in ${weight.scripts.length} scripts (${BEFORE_KB} KB before; target 200 KB or the chart painted before recharts)`);
    for (const [label, p] of [['as served', served], [`recharts held ${HOLD_MS} ms`, held]] as const) {
      const before = p.figure >= 0 && p.recharts >= 0 && p.figure < p.recharts;
      console.log(
        `  ${label.padEnd(22)} first contentful paint ${ms(p.fcp)}, figure painted (named, sized, placeholder) ${ms(p.figure)}, recharts loaded ${ms(p.recharts)}, chart drawn ${ms(p.drawn)}: painted before recharts ${before ? 'yes' : 'NO'}`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEmbedFirstPaint();
