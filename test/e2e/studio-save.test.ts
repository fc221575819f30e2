/**
 * Saving that loses nothing, in real Chromium over the production build:
 * Ctrl/Cmd+S saves from anywhere on a studio page (a restored draft is saved
 * by Ctrl+S pressed right after "Restore draft"), the toolbar says when
 * changes are unsaved, and leaving with unsaved changes asks first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';
import { createPage } from './js-weight-pages';
import { openStudio as openStudioAt, replaceEditorText, storedPage } from './studio-driving';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

function pageBody(name: string) {
  return {
    name,
    tags: ['e2e-save'],
    declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
    spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: { title: name }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
  };
}

async function storedName(id: string): Promise<{ name: string; version?: number | string }> {
  return storedPage(app.url, id);
}

/** Records, after the studio's handlers ran, whether each Ctrl/Cmd+S keydown had its default (the browser's save dialog) prevented. */
async function watchSaveKeys(page: Page): Promise<() => Promise<boolean[]>> {
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { __saveKeys: boolean[] }).__saveKeys = seen;
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') seen.push(e.defaultPrevented);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __saveKeys: boolean[] }).__saveKeys);
}

/** Counts the studio's save requests for one page. */
function countSaves(page: Page, id: string): () => number {
  let saves = 0;
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && new URL(request.url()).pathname === `/api/pages/${encodeURIComponent(id)}`) saves++;
  });
  return () => saves;
}

/** Closes `page` as a person closing the tab would, and answers the dialogs the page raised (dismissed, so it stays open if one did). */
async function tryToLeave(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  const onDialog = (dialog: { type(): string; dismiss(): Promise<void> }) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  };
  page.on('dialog', onDialog);
  const closed = new Promise<boolean>((resolve) => page.once('close', () => resolve(true)));
  await page.close({ runBeforeUnload: true });
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
  page.off('dialog', onDialog);
  return dialogs;
}

function openStudio(context: BrowserContext, id: string): Promise<Page> {
  return openStudioAt(context, app.url, id);
}

describe('saving in the studio', () => {
  it('a restored draft is saved by Ctrl+S pressed right after "Restore draft"; the dirty mark and the leave warning follow the unsaved state', async () => {
    const name = `Draft page ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });

    // First visit: an edit that is not saved. The toolbar marks it and a draft is kept in this browser.
    const first = await openStudio(context, id);
    expect(await first.getByTestId('dirty').count()).toBe(0);
    await replaceEditorText(first, JSON.stringify(pageBody(`${name} (edited)`), null, 2));
    await first.getByTestId('dirty').waitFor();
    await expect
      .poll(() => first.evaluate((key) => window.localStorage.getItem(key) ?? '', `amdahl:draft:${id}`))
      .toContain(`${name} (edited)`);
    // Closing the tab with unsaved changes asks first; dismissed, the tab stays.
    expect(await tryToLeave(first)).toEqual(['beforeunload']);
    expect(first.isClosed()).toBe(false);
    await first.close();

    // Second visit: the draft is offered; restored, and Ctrl+S at once, with the focus on the banner's button, not the editor.
    const second = await openStudio(context, id);
    const offHost = watchOffHostRequests(second);
    const saves = countSaves(second, id);
    const saveKeys = await watchSaveKeys(second);
    const restore = second.getByRole('button', { name: 'Restore draft' });
    await restore.waitFor();
    await restore.click();
    expect(await second.evaluate(() => document.activeElement?.closest('.monaco-editor') === null)).toBe(true);
    await second.keyboard.press('Control+S');
    await expect.poll(() => second.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Saved (version 2)');
    expect(await saveKeys()).toEqual([true]);
    expect(saves()).toBe(1);
    expect(await storedName(id)).toMatchObject({ name: `${name} (edited)`, version: 2 });
    // Saved: no dirty mark, the draft is gone, and leaving asks nothing.
    expect(await second.getByTestId('dirty').count()).toBe(0);
    await expect.poll(() => second.evaluate((key) => window.localStorage.getItem(key), `amdahl:draft:${id}`)).toBeNull();
    expect(await tryToLeave(second)).toEqual([]);
    expect(second.isClosed()).toBe(true);
    expect(offHost).toEqual([]);

    // Third visit: nothing is offered again, and the editor holds the saved text.
    const third = await openStudio(context, id);
    await expect.poll(() => third.locator('.monaco-editor .view-lines').innerText()).toContain('(edited)');
    expect(await third.getByRole('button', { name: 'Restore draft' }).count()).toBe(0);
    await context.close();
  });

  it('Ctrl+S in the editor saves once, and Cmd+S with the focus in the preview saves too', async () => {
    const name = `Shortcut page ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await openStudio(context, id);
    const saves = countSaves(page, id);
    const saveKeys = await watchSaveKeys(page);

    await replaceEditorText(page, JSON.stringify(pageBody(`${name} v2`), null, 2));
    await page.getByTestId('dirty').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
    await page.keyboard.press('Control+S');
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Saved (version 2)');
    expect(saves()).toBe(1);
    expect((await storedName(id)).name).toBe(`${name} v2`);

    await replaceEditorText(page, JSON.stringify(pageBody(`${name} v3`), null, 2));
    await page.getByTestId('dirty').waitFor();
    await page.getByTestId('preview').click({ position: { x: 5, y: 5 } });
    expect(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null)).toBe(true);
    await page.keyboard.press('Meta+S');
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Saved (version 3)');
    expect(saves()).toBe(2);
    expect((await storedName(id)).name).toBe(`${name} v3`);
    expect(await saveKeys()).toEqual([true, true]);
    expect(await page.getByTestId('dirty').count()).toBe(0);
    await context.close();
  });
});
