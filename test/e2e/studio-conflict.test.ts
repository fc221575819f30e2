/**
 * Saving that loses nothing when someone else saved first, in real Chromium
 * over the production build: a save that would overwrite a newer version
 * stops and shows both versions side by side (Monaco's diff editor); "Keep
 * mine" saves mine over theirs, "Take theirs" loads theirs and keeps mine as
 * a draft that survives the tab; "Review changes" compares before saving; a
 * save refused by validation says why and keeps the text. Nothing is
 * requested from any host but the app's own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';
import { createPage } from './js-weight-pages';
import { editorText, editorTextFromTop, openStudio, replaceEditorText, storedDraft, storedPage, visibleText } from './studio-driving';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

function pageBody(name: string, query = 'by_channel') {
  return {
    name,
    tags: ['e2e-conflict'],
    declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
    spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: { title: name }, children: [{ type: 'Table', props: { data: { $query: query } } }] } },
  };
}

/** Another writer: the page changed through the platform's API, behind the studio's back. */
async function saveThroughApi(id: string, name: string): Promise<void> {
  const response = await fetch(`${app.url}/api/platform/v1/pages/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
    body: JSON.stringify({ name, spec: pageBody(name).spec }),
  });
  if (!response.ok) throw new Error(`PATCH through the API answered ${response.status}: ${await response.text()}`);
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  return context;
}

/** Opens the studio, lets another writer save, then saves mine: answers the studio with the conflict dialog open. */
async function conflictingSave(context: BrowserContext, id: string, theirs: string, mine: string): Promise<{ page: Page; offHost: string[] }> {
  const page = await openStudio(context, app.url, id);
  const offHost = watchOffHostRequests(page);
  await saveThroughApi(id, theirs);
  await replaceEditorText(page, JSON.stringify(pageBody(mine), null, 2));
  await page.getByTestId('dirty').waitFor();
  await page.keyboard.press('Control+S');
  await page.getByTestId('save-conflict').waitFor({ timeout: 20_000 });
  return { page, offHost };
}

/** The two sides of the diff editor in the conflict dialog. */
async function diffSides(page: Page): Promise<{ original: string; modified: string }> {
  const dialog = page.getByTestId('save-conflict');
  await dialog.locator('.monaco-diff-editor .editor.modified .view-lines').waitFor({ timeout: 30_000 });
  return {
    original: await visibleText(dialog.locator('.monaco-diff-editor .editor.original .view-lines')),
    modified: await visibleText(dialog.locator('.monaco-diff-editor .editor.modified .view-lines')),
  };
}

describe('a save that would overwrite a newer version', () => {
  it('shows theirs and mine side by side; "Keep mine" saves mine over theirs', async () => {
    const name = `Conflict keep ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await newContext();
    const { page, offHost } = await conflictingSave(context, id, `${name} THEIRS`, `${name} MINE`);

    await expect.poll(() => diffSides(page), { timeout: 20_000 }).toMatchObject({ original: expect.stringContaining('THEIRS'), modified: expect.stringContaining('MINE') });
    const sides = await diffSides(page);
    expect(sides.original).not.toContain('MINE');
    expect(sides.modified).not.toContain('THEIRS');
    // Nothing was written yet: the platform still has theirs, and mine is in this browser's draft.
    expect(await storedPage(app.url, id)).toMatchObject({ name: `${name} THEIRS`, version: 2 });
    expect(await storedDraft(page, id)).toContain(`${name} MINE`);

    await page.getByTestId('save-conflict').getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 20_000 }).toContain('Saved (version 3)');
    expect(await storedPage(app.url, id)).toMatchObject({ name: `${name} MINE`, version: 3 });
    expect(await page.getByTestId('save-conflict').count()).toBe(0);
    expect(await page.getByTestId('dirty').count()).toBe(0);
    await expect.poll(() => storedDraft(page, id)).toBeNull();
    expect(offHost).toEqual([]);
    await context.close();
  });

  it('"Take theirs" loads theirs and keeps mine as a draft that survives closing the tab, and restores and saves', async () => {
    const name = `Conflict take ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await newContext();
    const { page, offHost } = await conflictingSave(context, id, `${name} THEIRS`, `${name} MINE`);
    await expect.poll(() => diffSides(page), { timeout: 20_000 }).toMatchObject({ original: expect.stringContaining('THEIRS'), modified: expect.stringContaining('MINE') });

    await page.getByTestId('save-conflict').getByRole('button', { name: 'Take theirs' }).click();
    // The paste of mine left the cursor at the end and the editor (narrower beside the authoring panels) scrolled
    // down to it; taking theirs keeps that scroll, so read the editor from its top, where the name is.
    await expect.poll(() => editorTextFromTop(page)).toContain(`${name} THEIRS`);
    expect(await page.getByTestId('dirty').count()).toBe(0);
    // Mine is offered back at once and kept in this browser.
    await page.getByText('Your version, set aside when you took theirs').waitFor();
    expect(await storedDraft(page, id)).toContain(`${name} MINE`);
    expect(await storedPage(app.url, id)).toMatchObject({ name: `${name} THEIRS`, version: 2 });
    expect(offHost).toEqual([]);
    await page.close();

    // A new tab in the same browser: theirs in the editor, mine offered; restored and saved, it lands over theirs.
    const again = await openStudio(context, app.url, id);
    const offHostAgain = watchOffHostRequests(again);
    await expect.poll(() => editorText(again)).toContain(`${name} THEIRS`);
    const restore = again.getByRole('button', { name: 'Restore draft' });
    await restore.waitFor();
    await restore.click();
    await expect.poll(() => editorText(again)).toContain(`${name} MINE`);
    await again.getByTestId('dirty').waitFor();
    await again.keyboard.press('Control+S');
    await expect.poll(() => again.getByRole('status').first().innerText(), { timeout: 20_000 }).toContain('Saved (version 3)');
    expect(await storedPage(app.url, id)).toMatchObject({ name: `${name} MINE`, version: 3 });
    await expect.poll(() => storedDraft(again, id)).toBeNull();
    expect(offHostAgain).toEqual([]);
    await context.close();
  });
});

describe('before and after saving', () => {
  it('"Review changes" is enabled once the text differs, shows saved against current, and saves from there', async () => {
    const name = `Review ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await newContext();
    const page = await openStudio(context, app.url, id);
    const offHost = watchOffHostRequests(page);
    const review = page.getByRole('button', { name: 'Review changes' });
    expect(await review.isDisabled()).toBe(true);

    await replaceEditorText(page, JSON.stringify(pageBody(`${name} REVISED`), null, 2));
    await page.getByTestId('dirty').waitFor();
    expect(await review.isDisabled()).toBe(false);
    await review.click();
    const dialog = page.getByTestId('review-changes');
    await dialog.locator('.monaco-diff-editor .editor.modified .view-lines').waitFor({ timeout: 30_000 });
    await expect.poll(() => visibleText(dialog.locator('.monaco-diff-editor .editor.modified .view-lines')), { timeout: 20_000 }).toContain(`${name} REVISED`);
    expect(await visibleText(dialog.locator('.monaco-diff-editor .editor.original .view-lines'))).not.toContain('REVISED');
    expect(await storedPage(app.url, id)).toMatchObject({ name, version: 1 });

    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 20_000 }).toContain('Saved (version 2)');
    expect(await storedPage(app.url, id)).toMatchObject({ name: `${name} REVISED`, version: 2 });
    expect(await page.getByTestId('review-changes').count()).toBe(0);
    expect(await review.isDisabled()).toBe(true);
    expect(offHost).toEqual([]);
    await context.close();
  });

  it('a save refused by validation says why (diagnostics) and keeps the text, in the editor and in the draft', async () => {
    const name = `Refused ${Date.now()}`;
    const id = await createPage(app.url, pageBody(name));
    const context = await newContext();
    const page = await openStudio(context, app.url, id);
    const offHost = watchOffHostRequests(page);

    await replaceEditorText(page, JSON.stringify(pageBody(`${name} BROKEN`, 'no_such_query'), null, 2));
    await page.getByTestId('dirty').waitFor();
    await page.keyboard.press('Control+S');
    const problem = page.getByTestId('save-problem');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.innerText()).toContain('fix them before saving');
    // Why: the problems list names the unbound query at its place.
    await expect.poll(() => page.getByTestId('problems').innerText(), { timeout: 20_000 }).toContain('no_such_query');
    expect(await page.getByTestId('problems').locator('li .st-sev-error').count()).toBeGreaterThan(0);
    // Nothing lost: the editor and the draft keep the refused text; the platform keeps the old page.
    expect(await editorText(page)).toContain(`${name} BROKEN`);
    await expect.poll(() => storedDraft(page, id)).toContain(`${name} BROKEN`);
    expect(await page.getByTestId('dirty').count()).toBe(1);
    expect(await storedPage(app.url, id)).toMatchObject({ name, version: 1 });
    expect(offHost).toEqual([]);
    await context.close();
  });
});
