/** Driving the studio's Monaco editor from a browser test as a person would: shared by the saving tests and the latency benchmark. */
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** Replaces the editor's text as a person would: select all, paste. (The context needs clipboard permissions.) */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('.st-editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

/**
 * Opens a new page in the studio and pastes `text` into its editor, again each
 * second until the toolbar shows the page's `name` (a paste that lands before
 * the editor takes input is lost). The context needs clipboard permissions.
 */
export async function openNewPageWith(page: Page, appUrl: string, text: string, name: string): Promise<void> {
  await page.goto(`${appUrl}/pages/new`);
  await page.locator('.st-editor .monaco-editor').waitFor({ timeout: 60_000 });
  // A plain loop, not vitest's expect.poll: the latency benchmark imports this module too.
  for (const deadline = Date.now() + 20_000; (await page.locator('.st-toolbar strong').innerText()) !== name; ) {
    if (Date.now() > deadline) throw new Error(`the studio did not take the pasted page "${name}" within 20 s`);
    await replaceEditorText(page, text);
    await page.waitForTimeout(1000);
  }
}

/** Opens a page's studio in a new tab of `context` and waits for the editor. */
export async function openStudio(context: BrowserContext, appUrl: string, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${appUrl}/pages/${encodeURIComponent(id)}/edit`);
  await page.locator('.st-editor .monaco-editor').waitFor({ timeout: 60_000 });
  return page;
}

/** Monaco draws spaces as no-break spaces: compare its lines as text. */
export function visibleText(lines: Locator): Promise<string> {
  return lines.innerText().then((text) => text.replace(/\u00a0/g, ' '));
}

/**
 * The text the studio's editor shows from its first line: scrolls the editor to
 * its top with the mouse wheel (the cursor and the text stay as they are), then
 * reads the visible lines. For a check on the document's head (its name) when
 * the editor may be scrolled down, e.g. by a paste that left the cursor at the end.
 */
export async function editorTextFromTop(page: Page): Promise<string> {
  const lines = page.locator('.st-editor .monaco-editor .view-lines').first();
  await lines.hover();
  await page.mouse.wheel(0, -100_000);
  await page.waitForTimeout(100);
  return visibleText(lines);
}

/** The text the studio's editor shows (the visible lines). */
export function editorText(page: Page): Promise<string> {
  return visibleText(page.locator('.st-editor .monaco-editor .view-lines').first());
}

/** The page as the app's GET /api/pages/:id answers it. */
export async function storedPage(appUrl: string, id: string): Promise<{ name: string; version?: number | string; spec: unknown }> {
  const response = await fetch(`${appUrl}/api/pages/${encodeURIComponent(id)}`);
  if (response.status !== 200) throw new Error(`GET /api/pages/${id} answered ${response.status}`);
  return (await response.json()) as { name: string; version?: number | string; spec: unknown };
}

/** The draft this browser keeps for a page, or null. */
export function storedDraft(page: Page, id: string): Promise<string | null> {
  return page.evaluate((key) => window.localStorage.getItem(key), `amdahl:draft:${id}`);
}
