/**
 * The catalog gallery in real Chromium over the production build and the
 * embedded PGlite platform: every component's section and examples render
 * over the demo data without an error card or a console error, axe finds no
 * serious or critical violation in either theme, a chart's data table is
 * reachable by keyboard, and "Open in studio" opens the example in the editor.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { examplesOf } from '../../catalog/examples';
import { ROOT, type AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

const exampleIds = catalog.types.flatMap((type) => examplesOf(type, ROOT).map((e) => e.id));

interface Problems {
  console: string[];
  offHost: string[];
}

async function openGallery(theme: 'light' | 'dark'): Promise<{ page: Page; problems: Problems }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: Problems = { console: [], offHost: watchOffHostRequests(page) };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.console.push(`pageerror: ${e.message}`));
  // `load` comes once the streamed examples have all arrived.
  await page.goto(`${app.url}/catalog?theme=${theme}`, { waitUntil: 'load', timeout: 120_000 });
  await expect.poll(() => page.locator('[data-example-ready]').count(), { timeout: 60_000 }).toBe(exampleIds.length);
  // Charts draw after hydration and measuring: wait for the recharts surfaces to be there.
  await page.waitForLoadState('networkidle');
  return { page, problems };
}

/** WCAG relative luminance of a CSS rgb()/rgba() colour. */
function luminance(color: string): number {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(color);
  if (!m) throw new Error(`not an rgb colour: ${color}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 12).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
}

describe('catalog gallery', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`renders every component and example in the ${theme} theme, with no error card, console error or serious axe violation`, async () => {
      const { page, problems } = await openGallery(theme);
      try {
        expect(exampleIds.length).toBeGreaterThanOrEqual(catalog.types.length);
        for (const type of catalog.types) {
          const section = page.locator(`section[data-component="${type}"]`);
          expect(await section.count(), type).toBe(1);
          // Its props table, loaded when opened, lists every prop of the definition.
          const showProps = section.locator(`button[data-show-props="${type}"]`);
          expect(await showProps.getAttribute('aria-expanded'), type).toBe('false');
          await showProps.click();
          expect(await showProps.getAttribute('aria-expanded'), type).toBe('true');
          await section.locator('table[class*="props"]').waitFor({ timeout: 15_000 });
          const props = await section.locator('table[class*="props"] tbody th').allInnerTexts();
          expect(props, type).toEqual(Object.keys(catalog.get(type)!.props.shape));
          // Each of its examples rendered a node of this type (the example shows the component it documents).
          for (const example of examplesOf(type, ROOT)) {
            const rendered = page.locator(`[data-example-ready="${example.id}"]`);
            expect(await rendered.locator(`[data-type="${type}"]`).count(), example.id).toBeGreaterThan(0);
          }
        }
        const errorCards = await page.locator('.ap-error-card').allInnerTexts();
        expect(errorCards).toEqual([]);
        // Every chart frame is a named figure.
        const unnamed = await page.locator('figure[data-chart]:not([aria-label])').count();
        expect(unnamed).toBe(0);
        expect(await page.locator('figure[data-chart]').count()).toBeGreaterThan(20);

        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const l = luminance(background);
        if (theme === 'dark') expect(l, background).toBeLessThan(0.2);
        else expect(l, background).toBeGreaterThan(0.6);

        expect(await seriousViolations(page)).toEqual([]);
        expect(problems.console).toEqual([]);
        expect(problems.offHost).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  /**
   * The page carries the rendered examples and no more: charts and tables get
   * the rows they draw (the rest one scroll, sort or click away), props tables
   * and example sources load when opened. 3,460 KB before rows were reduced,
   * 992 KB before the props and sources were.
   */
  it('/catalog is under 600 KB of HTML with its RSC payload, every example rendered on it', async () => {
    const html = await (await fetch(`${app.url}/catalog`)).text();
    console.log(`/catalog: ${(html.length / 1024).toFixed(0)} KB of HTML with its RSC payload (992 KB before props and sources loaded on demand, 3,460 KB before rows were reduced)`);
    expect(html.length).toBeLessThan(600 * 1024);
    for (const id of exampleIds) expect(html, id).toContain(`data-example-ready="${id}"`);
    const { page } = await openGallery('light');
    try {
      const table = page.locator('[data-example-ready="Table/recent-interactions.json"] table[aria-rowcount]');
      expect(await table.getAttribute('aria-rowcount')).toBe('5001');
      // Scrolled to its end, the table loads the rows the page did not carry and shows the last one.
      const region = page.locator('[data-example-ready="Table/recent-interactions.json"] [role="region"]').first();
      await expect
        .poll(async () => {
          await region.evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return table.locator('tr[aria-rowindex="5001"]').count();
        }, { timeout: 30_000 })
        .toBe(1);
    } finally {
      await page.close();
    }
  });

  it('Tab reaches a chart\'s "Show data" toggle and Enter reveals its table', async () => {
    const { page } = await openGallery('light');
    try {
      const figure = page.locator('[data-example-ready="BarChart/topics-by-sentiment.json"] figure[data-chart="Bar chart"]');
      expect(await figure.getAttribute('aria-label')).toBe('Bar chart: Interactions by topic and sentiment');
      // Found by what it controls: its name changes to "Hide data" once open.
      const toggle = figure.locator('button[aria-controls]');
      expect(await toggle.innerText()).toBe('Show data');
      // Start from the "Open in studio" link of the example before it in the page, then Tab forward until the toggle has focus.
      await page.locator('[data-open-example="BarChart/pipeline-and-customers.json"]').focus();
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await toggle.evaluate((el) => el === document.activeElement);
      }
      expect(reached).toBe(true);
      // The focused toggle shows a visible outline.
      const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
      expect(outline).toBe('solid 2px');
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const table = figure.getByRole('table');
      await expect.poll(() => table.count()).toBe(1);
      expect(await table.locator('caption').innerText()).toMatch(/^Data of Bar chart: Interactions by topic and sentiment: \d+ rows/);
      expect(await table.locator('thead th[scope="col"]').allInnerTexts()).toEqual(['topic', 'positive', 'neutral', 'negative']);
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(2);
    } finally {
      await page.close();
    }
  });

  it('"Show JSON" loads an example\'s source by keyboard, beside "Open in studio"', async () => {
    const { page } = await openGallery('light');
    try {
      const example = page.locator('[data-example="BarChart/topics-by-sentiment.json"]');
      const toggle = example.locator('button[data-show-source]');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await example.locator('pre').count()).toBe(0);
      await page.locator('[data-open-example="BarChart/topics-by-sentiment.json"]').focus();
      await page.keyboard.press('Tab');
      expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const region = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
      const source = region.locator('pre');
      await expect.poll(() => source.count(), { timeout: 15_000 }).toBe(1);
      expect(await source.getAttribute('aria-label')).toBe('JSON of the example Topics by sentiment');
      expect(await source.innerText()).toMatch(/"type": "BarChart"/);
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await region.isHidden()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('"Open in studio" opens the example as a new page in the editor', async () => {
    const { page } = await openGallery('light');
    try {
      await page.locator('[data-open-example="BarChart/topics-by-sentiment.json"]').click();
      await page.waitForURL(/\/pages\/new\?example=BarChart%2Ftopics-by-sentiment\.json$/);
      const editor = page.locator('.monaco-editor .view-lines').first();
      await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toMatch(/"type":\s+"BarChart"/);
      // Monaco draws spaces as no-break spaces: \s matches both.
      expect(await editor.innerText()).toMatch(/Topics\sby\ssentiment/);
      // Its preview renders over the demo data too.
      await expect.poll(() => page.getByTestId('preview').innerText(), { timeout: 30_000 }).toContain('Interactions by topic and sentiment');
      // A name outside the catalog's examples is refused, saying why.
      await page.goto(`${app.url}/pages/new?example=${encodeURIComponent('BarChart/../../package.json')}`);
      expect(await page.locator('.st-banner-error').innerText()).toContain('BarChart has no example "../../package.json"');
    } finally {
      await page.close();
    }
  });
});
