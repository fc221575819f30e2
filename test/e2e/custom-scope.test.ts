/**
 * Saving a Custom node needs pages:admin, in real Chromium over the production
 * build: the studio works with a key that may write pages but is not an
 * admin; the Custom node previews in its sandbox, and Ctrl+S is refused with
 * `custom-not-allowed` at the node's line, the text kept.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { openNewPageWith } from './studio-driving';

const WRITER = 'amdhl_e2e_custom_writer_01';
let app: AppServer;
let browser: Browser;
withAppAndBrowser(
  (a, b) => {
    app = a;
    browser = b;
  },
  {
    env: {
      API_KEY: WRITER,
      AMDAHL_LOCAL_KEYS: JSON.stringify([{ key: WRITER, name: 'writer', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] }]),
    },
  },
);

const TEXT = JSON.stringify(
  {
    name: 'Custom without admin',
    tags: ['e2e-custom-scope'],
    declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
    spec: {
      version: 1,
      layout: 'dashboard',
      root: {
        type: 'Section',
        props: { title: 'Custom without admin' },
        children: [{ type: 'Custom', props: { title: 'Count', data: { $query: 'by_channel' }, html: '<p id="n"></p><script>n.textContent = amdahl.rows.length + " channels"</script>' } }],
      },
    },
  },
  null,
  2,
);
const customLine = TEXT.split('\n').findIndex((line) => line.includes('"type": "Custom"')) + 1;

describe('saving a Custom node without pages:admin', () => {
  it('previews it, then refuses the save with custom-not-allowed at the node’s line', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    try {
      await openNewPageWith(page, app.url, TEXT, 'Custom without admin');
      // The preview draws it in its sandbox, whatever the key.
      await expect.poll(() => page.frameLocator('iframe[title="Count"]').locator('#n').innerText().catch(() => ''), { timeout: 30_000 }).toBe('6 channels');

      await page.keyboard.press('Control+S');
      await expect.poll(() => page.getByTestId('save-problem').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/pages:admin/);
      const problem = page.getByTestId('problems').locator('li[data-code="custom-not-allowed"]');
      await expect.poll(() => problem.count(), { timeout: 10_000 }).toBe(1);
      expect(await problem.innerText()).toContain(`${customLine}:`);
      // Nothing was saved.
      const list = await fetch(`${app.url}/api/platform/v1/pages?tag=e2e-custom-scope`, { headers: { authorization: `Bearer ${WRITER}` } });
      expect(JSON.stringify(await list.json())).not.toContain('Custom without admin');
    } finally {
      await context.close();
    }
  });
});
