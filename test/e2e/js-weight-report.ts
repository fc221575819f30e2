/**
 * Prints the JavaScript each weighed page downloads on the production build:
 * `npx next build && npx tsx test/e2e/js-weight-report.ts [route-prefix]`.
 * The route prefix defaults to `/pages/` (the view route); `/embed/` weighs
 * the embed route once it exists.
 */
import { startApp } from './app-server';
import { launchBrowser } from './browser';
import { describeJsWeight, measureJsWeight } from './js-weight';
import { LIBRARY_MARKERS, WEIGHED_PAGES, createPage } from './js-weight-pages';

const prefix = process.argv[2] ?? '/pages/';
const app = await startApp();
const browser = await launchBrowser();
try {
  for (const [label, body] of Object.entries(WEIGHED_PAGES)) {
    const id = await createPage(app.url, body);
    const context = await browser.newContext();
    const page = await context.newPage();
    const weight = await measureJsWeight(page, `${app.url}${prefix}${encodeURIComponent(id)}`, { markers: LIBRARY_MARKERS });
    console.log(describeJsWeight(`${label} (${prefix}${id})`, weight));
    const byMarker = new Map<string, number>();
    for (const s of weight.scripts) for (const m of s.markers) byMarker.set(m, (byMarker.get(m) ?? 0) + s.bytes);
    console.log(`  scripts holding each marker (gz KB, a script with two markers counts in both): ${[...byMarker].map(([m, b]) => `${m} ${(b / 1024).toFixed(1)}`).join(', ')}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}
