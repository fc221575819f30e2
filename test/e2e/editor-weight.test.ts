/**
 * The editor route loads only Monaco's editor core with the JSON and SQL
 * languages (components/studio/monaco.ts), measured in Chromium on the
 * production build, and the view and embed routes load no Monaco at all.
 * The editor still does what the studio relies on: schema completion and
 * the server's diagnostics as markers.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';
import { mint } from './embed-fixtures';
import { describeJsWeight, measureJsWeight, type JsWeight } from './js-weight';
import { LIBRARY_MARKERS, WEIGHED_PAGES, createPage } from './js-weight-pages';

const KB = 1024;
/**
 * Gzipped JavaScript of the editor routes before the lean editor, when
 * `import * as monaco from 'monaco-editor'` brought every language's
 * registration and every feature (commit 5af7618, this helper and settle,
 * two identical runs): 1,048 KB of it in the five chunks holding Monaco.
 */
const BEFORE = { newPage: 1420.0 * KB, editPage: 1391.8 * KB };
/**
 * Half of the before figure (710 KB) is not reachable with Monaco: its
 * standalone core alone (`monaco-editor/editor/editor.api`, no language, no
 * contribution) is 2.7 MB minified, 701 KB gzipped (esbuild, level 9), and the
 * route's own code (React, Next, the preview's chart and table, the studio)
 * is about 370 KB. Measured after: 1,220.1 KB and 1,191.9 KB (86%). This
 * guards what was won: Monaco's JSON registration and its chain of every
 * editor contribution (about 130 KB) and the unused languages' registrations.
 */
const REACHED = 0.88;

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
const carrying = (weight: JsWeight, marker: string) => weight.scripts.filter((s) => s.markers.includes(marker));

/** Waits as the "before" figures did: the editor on screen, the network idle, then 1.5 s for its workers. */
async function editorReady(page: Page): Promise<void> {
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}

async function weigh(url: string, label: string, settle?: (page: Page) => Promise<void>): Promise<{ weight: JsWeight; page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const page = await context.newPage();
  const weight = await measureJsWeight(page, url, { markers: LIBRARY_MARKERS, settle });
  console.log(describeJsWeight(label, weight));
  return { weight, page, close: () => context.close() };
}

describe('the lean editor', () => {
  it('the editor routes download at most 88% of the JavaScript they did with the whole monaco-editor package (half is out of reach: see REACHED)', async () => {
    const id = await createPage(app.url, WEIGHED_PAGES.barChart);
    const fresh = await weigh(`${app.url}/pages/new`, 'editor, new page', editorReady);
    await fresh.close();
    const edit = await weigh(`${app.url}/pages/${encodeURIComponent(id)}/edit`, `editor, /pages/${id}/edit`, editorReady);
    await edit.close();
    for (const [label, before, after] of [
      ['/pages/new', BEFORE.newPage, fresh.weight.totalGzipBytes],
      ['/pages/[id]/edit', BEFORE.editPage, edit.weight.totalGzipBytes],
    ] as const) {
      console.log(`${label}: before ${kb(before)}, after ${kb(after)} (${((after / before) * 100).toFixed(1)}%; half would be ${kb(before / 2)})`);
    }
    // The measurement saw the editor it is meant to weigh.
    expect(carrying(fresh.weight, 'monaco').length).toBeGreaterThan(0);
    expect(carrying(edit.weight, 'monaco').length).toBeGreaterThan(0);
    expect(fresh.weight.totalGzipBytes).toBeLessThanOrEqual(BEFORE.newPage * REACHED);
    expect(edit.weight.totalGzipBytes).toBeLessThanOrEqual(BEFORE.editPage * REACHED);
  });

  it('the view and embed routes of the same page hold no Monaco or studio code', async () => {
    const id = await createPage(app.url, WEIGHED_PAGES.barChart);
    const view = await weigh(`${app.url}/pages/${encodeURIComponent(id)}`, `view /pages/${id}`);
    await view.close();
    const embed = await weigh((await mint(app.url, id, { audience: 'self' })).url, `embed /embed/${id}`);
    await embed.close();
    for (const weight of [view.weight, embed.weight]) {
      // The page did load its code: the framework and its chart.
      expect(carrying(weight, 'react-dom').length).toBeGreaterThan(0);
      expect(carrying(weight, 'recharts').length).toBeGreaterThan(0);
      expect(carrying(weight, 'monaco').map((s) => s.url)).toEqual([]);
      expect(carrying(weight, 'studio').map((s) => s.url)).toEqual([]);
    }
  });

  it('still completes component types from the schema and shows the server diagnostics as markers, loading nothing off-host', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    const offHost = watchOffHostRequests(page);
    await page.goto(`${app.url}/pages/new`);
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });

    // A page whose root type is being typed: the cursor ends inside its opening quote.
    const partial = '{\n  "name": "Completion",\n  "tags": [],\n  "declared_queries": [],\n  "spec": {\n    "version": 1,\n    "layout": "dashboard",\n    "root": {\n      "type": "';
    await page.evaluate((t) => navigator.clipboard.writeText(t), partial);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Control+End');
    const suggestions = page.locator('.monaco-editor .suggest-widget .monaco-list-row');
    await expect
      .poll(
        async () => {
          if ((await suggestions.count()) === 0) await page.keyboard.press('Control+Space');
          return (await suggestions.allInnerTexts()).join('\n');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/BarChart|Section|Table/);
    const offered = await suggestions.allInnerTexts();
    console.log(`completion offered ${offered.length} rows: ${offered.slice(0, 6).map((t) => t.split('\n')[0]).join(', ')}…`);
    await page.keyboard.press('Escape');

    // An unknown component: the server's diagnostic arrives as a marker in the editor.
    const broken = JSON.stringify({ name: 'Markers', tags: [], declared_queries: [], spec: { version: 1, layout: 'dashboard', root: { type: 'Sectoin', props: {} } } }, null, 2);
    await page.evaluate((t) => navigator.clipboard.writeText(t), broken);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('problems').locator('li[data-code="unknown-component"]').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(offHost).toEqual([]);
    await context.close();
  });
});
