/**
 * The walking skeleton, end to end in real Chromium over the production
 * build and the embedded PGlite platform: list, edit with markers, live
 * preview over query rows, save, view, and a restart that keeps the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';
import { replaceEditorText } from './studio-driving';

let app: AppServer;
let browser: Browser;
// The file's own data directory: the last test restarts the server on it.
const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-studio-'));

// Not the shared set-up: the last test restarts the server, and the one it started is the one to stop.
beforeAll(async () => {
  app = await startApp({ dir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function pageText(name: string, component: string, query: string): string {
  return JSON.stringify(
    {
      name,
      tags: ['e2e'],
      declared_queries: [
        { name: 'by_topic', source: 'sql', sql: 'SELECT topic, COUNT(*) AS events FROM interactions GROUP BY topic ORDER BY topic' },
      ],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title: name },
          children: [{ type: component, props: { data: { $query: query } } }],
        },
      },
    },
    null,
    2,
  );
}

describe('studio', () => {
  it('lists both demo pages, and their view pages show rows from PGlite', async () => {
    const page = await browser.newPage();
    const offHost = watchOffHostRequests(page);
    await page.goto(app.url);
    const list = page.getByTestId('page-list');
    await expect.poll(() => list.innerText()).toContain('Weekly sentiment');
    expect(await list.innerText()).toContain('Channel health');

    await list.getByRole('link', { name: 'Weekly sentiment' }).click();
    await page.waitForURL(/\/pages\/[^/]+$/);
    // The guide's page: one Table of events by channel.
    await expect.poll(() => page.locator('main, body').first().innerText()).toMatch(/email[\s\S]*\d/);
    for (const channel of ['email', 'chat', 'phone', 'sms', 'social', 'web']) expect(await page.locator('body').innerText()).toContain(channel);

    await page.goto(app.url);
    await page.getByTestId('page-list').getByRole('link', { name: 'Channel health' }).click();
    await page.waitForURL(/\/pages\/[^/]+$/);
    await expect.poll(() => page.locator('body').innerText()).toContain('Resolution rate');
    expect(await page.locator('.ap-error-card').count()).toBe(0);

    // A new page can start from one of the platform's templates, and previews over real data at once.
    await page.goto(`${app.url}/pages/new`);
    await page.getByRole('navigation', { name: 'Start from a template' }).getByRole('link', { name: 'Win rate gauge' }).click();
    await page.waitForURL(/\/pages\/new\?template=win-rate-gauge$/);
    await expect.poll(() => page.getByTestId('preview').innerText(), { timeout: 20_000 }).toMatch(/Win rate[\s\S]*\d+(\.\d)?%/);
    expect(await page.getByTestId('problems').innerText()).toContain('No problems');
    expect(await page.getByTestId('preview').locator('.ap-error-card').count()).toBe(0);
    expect(offHost).toEqual([]);
    await page.close();
  });

  it('edits with markers, previews real rows, saves, and shows the saved page; nothing leaves localhost', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    const offHost = watchOffHostRequests(page);
    await page.goto(`${app.url}/pages/new`);
    await page.locator('.monaco-editor').waitFor();
    const name = `E2E page ${Date.now()}`;

    // Break it: an unknown component and an unbound query.
    await replaceEditorText(page, pageText(name, 'Tabel', 'by_topc'));
    const problems = page.getByTestId('problems');
    await expect.poll(() => problems.locator('li[data-code="unknown-component"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await problems.locator('li[data-code="unbound-query"]').count()).toBe(1);
    expect(await problems.innerText()).toContain('did you mean "Table"?');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Mend it: the markers go and the preview fills with the query's rows.
    await replaceEditorText(page, pageText(name, 'Table', 'by_topic'));
    await expect.poll(() => problems.innerText(), { timeout: 20_000 }).toContain('No problems');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBe(0);
    const preview = page.getByTestId('preview');
    await expect.poll(() => preview.innerText(), { timeout: 20_000 }).toContain('shipping');
    for (const topic of ['billing', 'shipping', 'returns', 'account', 'product', 'other']) expect(await preview.innerText()).toContain(topic);
    expect(await preview.getByTestId('query-strip').innerText()).toMatch(/by_topic: 6 rows/);

    // Save: a new page gets an id and the studio moves to its edit URL.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/pages\/[^/]+\/edit$/, { timeout: 20_000 });
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    // The studio now edits the stored page: nothing unsaved, and a link to its view.
    await page.getByRole('link', { name: 'Open view' }).waitFor();
    expect(await page.locator('.st-toolbar .st-tag').count()).toBe(0);

    await page.goto(`${app.url}/pages/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('body').innerText()).toContain(name);
    expect(await page.locator('body').innerText()).toContain('returns');
    expect(await page.locator('.ap-error-card').count()).toBe(0);
    expect(offHost).toEqual([]);
    await context.close();

    // The saved page survives a restart of the server on the same data directory.
    await app.stop();
    app = await startApp({ dir: app.dir });
    const response = await fetch(`${app.url}/api/pages/${encodeURIComponent(id)}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe(name);
  });
});
