/**
 * A value the query returned that cannot be right where the page shows it (a
 * percentage on a ratio dial) is listed in the studio's problems, in real
 * Chromium over the production build and the embedded platform: a warning
 * with its code, line and column, and the node's own sentence.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { createPage } from './embed-fixtures';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

describe('value warnings in the studio', () => {
  it('lists a percentage on a ratio dial as value-out-of-range, with line and column', async () => {
    const { id } = await createPage(app.url, {
      name: 'Resolution on the wrong dial',
      tags: ['e2e'],
      declared_queries: [{ name: 'rate', source: 'sql', sql: 'SELECT ROUND(100.0 * AVG(CASE WHEN resolved THEN 1 ELSE 0 END), 1) AS pct FROM interactions' }],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title: 'Resolution' },
          children: [
            { type: 'GaugeChart', props: { value: { $value: { query: 'rate', field: 'pct' } }, format: 'ratio' } },
            { type: 'GaugeChart', props: { value: { $value: { query: 'rate', field: 'pct' } }, format: 'percent' } },
          ],
        },
      },
    });
    const page = await browser.newPage();
    try {
      await page.goto(`${app.url}/pages/${encodeURIComponent(id)}/edit`);
      const problems = page.getByTestId('problems');
      const warning = problems.locator('li[data-code="value-out-of-range"]');
      await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(1);
      const text = await warning.innerText();
      console.log(`problems panel: ${text.replace(/\s+/g, ' ')}`);
      expect(text).toMatch(/^warning\s*\d+:\d+\s*value-out-of-range/);
      expect(text).toMatch(/GaugeChart: \d+(\.\d+)? is above the dial's max 1: is it already a percentage\?/);
      expect(text).toContain('query "rate"');
      // The percent dial beside it is right: one warning, not two.
      expect(await problems.locator('li').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
