/**
 * The editor knows the catalog and the page's data, in real Chromium over the
 * production build and the embedded PGlite platform: completion of component
 * types, query names and result columns; a typo's marker mended by its quick
 * fix; hover with SQL and rows; F12 to the declaration; F2 renaming every binding.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

function pageText(barType = 'BarChart'): string {
  return JSON.stringify(
    {
      name: 'Editor intel',
      tags: ['e2e-intel'],
      declared_queries: [
        { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' },
        { name: 'totals', source: 'sql', sql: 'SELECT COUNT(*) AS all_events FROM interactions' },
      ],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title: 'Intel' },
          children: [
            { type: barType, props: { data: { $query: 'by_channel' }, x: 'channel', y: 'events' } },
            { type: 'Stat', props: { label: 'All events', value: { $value: { query: 'totals', field: 'all_events' } } } },
            { type: 'Table', props: { data: { $query: 'by_channel' } } },
          ],
        },
      },
    },
    null,
    2,
  );
}

/** 1-based line of the first line holding `needle` (the texts are JSON.stringify'd, one value a line). */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

async function openStudio(text: string): Promise<{ page: Page; offHost: string[]; close(): Promise<void> }> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const page = await context.newPage();
  const offHost = watchOffHostRequests(page);
  await page.goto(`${app.url}/pages/new`);
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await paste(page, text);
  // The preview has run every declared query: the editor has their columns and rows.
  // The strip lists them in the order they finished: check each.
  const strip = () => page.getByTestId('query-strip').innerText().catch(() => '');
  await expect.poll(async () => /by_channel: 6 rows/.test(await strip()) && /totals: 1 row/.test(await strip()), { timeout: 60_000 }).toBe(true);
  return { page, offHost, close: () => context.close() };
}

/** Replaces the editor's text (select all, paste), again if a paste on a still-loading editor did not take: the toolbar shows the page's name. */
async function paste(page: Page, text: string): Promise<void> {
  const name = (JSON.parse(text) as { name: string }).name;
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await expect
    .poll(
      async () => {
        const shown = await page.locator('.st-toolbar strong').innerText();
        if (shown === name) return shown;
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Control+V');
        return page.locator('.st-toolbar strong').innerText();
      },
      { timeout: 20_000, interval: 1000 },
    )
    .toBe(name);
}

/** Selects the first occurrence of `needle` after the cursor with the editor's own find (Ctrl+F), then closes find. */
async function select(page: Page, needle: string): Promise<void> {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  await page.locator('.monaco-editor .find-widget textarea, .monaco-editor .find-widget input').first().waitFor();
  await page.keyboard.insertText(needle);
  await expect.poll(() => page.locator('.monaco-editor .find-widget .matchesCount').innerText()).toMatch(/^1 of/);
  await page.keyboard.press('Escape');
}

/** Puts the cursor at the end of `needle`. */
async function cursorAfter(page: Page, needle: string): Promise<void> {
  await select(page, needle);
  await page.keyboard.press('ArrowRight');
}

async function suggestions(page: Page): Promise<string> {
  await page.keyboard.press('Control+Space');
  const widget = page.locator('.monaco-editor .suggest-widget.visible');
  await widget.waitFor({ timeout: 10_000 });
  await expect.poll(() => widget.locator('.monaco-list-row').count()).toBeGreaterThan(0);
  return widget.innerText();
}

async function editorText(page: Page): Promise<string> {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('ArrowLeft');
  return page.evaluate(() => navigator.clipboard.readText());
}

async function activeLine(page: Page): Promise<number> {
  return Number(await page.locator('.monaco-editor .line-numbers.active-line-number').first().innerText());
}

describe('the editor knows the catalog and the data', () => {
  it('completes component types, query names in a binding, and the bound query\'s result columns in a column prop', async () => {
    const { page, offHost, close } = await openStudio(pageText());

    // A component type: the catalog's types, described.
    await select(page, 'Stat');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('Ba');
    const types = await suggestions(page);
    expect(types).toContain('BarChart');
    await page.keyboard.press('Escape');

    // Inside "$query": the declared query names.
    await cursorAfter(page, '"$query": "by_channel');
    for (let i = 0; i < 'by_channel'.length; i++) await page.keyboard.press('Backspace');
    const names = await suggestions(page);
    expect(names).toContain('by_channel');
    expect(names).toContain('totals');
    expect(names).toContain('declared query');
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('by_channel');

    // Inside BarChart's "x": the columns by_channel returns, from the preview, with their types.
    await cursorAfter(page, '"x": "channel');
    for (let i = 0; i < 'channel'.length; i++) await page.keyboard.press('Backspace');
    const columns = await suggestions(page);
    expect(columns).toContain('channel');
    expect(columns).toContain('events');
    expect(columns).not.toContain('all_events');
    // The focused row shows the type the platform gave the column (a Postgres name), not a word of the text.
    expect(columns).toMatch(/channel\s*(text|varchar) · by_channel/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.monaco-editor .suggest-widget.visible').innerText()).toMatch(/events\s*(bigint|int8) · by_channel/);
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('channel');

    // Inside the Stat's "$value" field: the columns of totals.
    await cursorAfter(page, '"field": "all_events');
    for (let i = 0; i < 'all_events'.length; i++) await page.keyboard.press('Backspace');
    expect(await suggestions(page)).toContain('all_events');
    await page.keyboard.press('Escape');
    expect(offHost).toEqual([]);
    await close();
  });

  it('marks a typo\'d component, and its quick fix (Ctrl+.) mends it and the marker goes', async () => {
    const { page, close } = await openStudio(pageText('BarChrt'));
    const problems = page.getByTestId('problems');
    await expect.poll(() => problems.locator('li[data-code="unknown-component"]').count(), { timeout: 20_000 }).toBe(1);
    // The typo's line is on screen once find selects it; its marker is there.
    await select(page, 'BarChrt');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 20_000 }).toBe(1);

    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget').getByText('Change to "BarChart"');
    await fix.waitFor({ timeout: 10_000 });
    await fix.click();

    await expect.poll(() => problems.innerText(), { timeout: 20_000 }).toContain('No problems');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBe(0);
    const text = await editorText(page);
    expect(text).toBe(pageText('BarChart'));
    await close();
  });

  it('declares a missing query from its binding (Ctrl+.), as a stub that runs and fills the chart', async () => {
    const text = JSON.stringify(
      {
        name: 'Stub',
        tags: ['e2e-intel'],
        declared_queries: [{ name: 'totals', source: 'sql', sql: 'SELECT COUNT(*) AS all_events FROM interactions' }],
        spec: {
          version: 1,
          layout: 'dashboard',
          root: {
            type: 'Section',
            children: [
              { type: 'Stat', props: { label: 'All events', value: { $value: { query: 'totals', field: 'all_events' } } } },
              { type: 'BarChart', props: { data: { $query: 'by_topic' }, x: 'topic', y: 'events' } },
            ],
          },
        },
      },
      null,
      2,
    );
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    await page.goto(`${app.url}/pages/new`);
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await paste(page, text);
    const problems = page.getByTestId('problems');
    await expect.poll(() => problems.locator('li[data-code="unbound-query"]').count(), { timeout: 20_000 }).toBe(1);

    await cursorAfter(page, '"$query": "by_');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget').getByText('Declare the query "by_topic"');
    await fix.waitFor({ timeout: 10_000 });
    await fix.click();

    // The stub names the columns the chart asks for, so the page is clean and the chart has rows at once.
    await expect.poll(() => problems.innerText(), { timeout: 20_000 }).toContain('No problems');
    await expect.poll(() => page.getByTestId('query-strip').innerText(), { timeout: 20_000 }).toMatch(/by_topic: 6 rows/);
    const declared = JSON.parse(await editorText(page)).declared_queries;
    expect(declared[1]).toEqual({ name: 'by_topic', source: 'sql', sql: 'SELECT channel AS topic, COUNT(*) AS events FROM interactions GROUP BY 1 ORDER BY 2 DESC' });
    await context.close();
  });

  it('hovers a binding with its SQL and first rows, jumps to its declaration (F12), and renames every binding (F2)', async () => {
    const text = pageText();
    const { page, close } = await openStudio(text);

    // Hover (Ctrl+K Ctrl+I at the cursor, as the mouse would): SQL, row count, rows.
    await cursorAfter(page, '"$query": "by_');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'declared query' });
    await hover.waitFor({ timeout: 10_000 });
    const shown = await hover.innerText();
    expect(shown).toContain('SELECT channel, COUNT(*) AS events FROM interactions');
    expect(shown).toMatch(/6 rows/);
    expect(shown).toMatch(/channel\s*\|?\s*events/);
    expect(shown).toContain('chat');
    await page.keyboard.press('Escape');

    // F12 on the Table's binding: the cursor goes to by_channel's entry in declared_queries.
    const declaration = lineOf(text, '"name": "by_channel"');
    // Table's binding, three lines below its type: inside "by_channel".
    await cursorAfter(page, '"type": "Table",');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await activeLine(page)).toBeGreaterThan(declaration + 10);
    await page.keyboard.press('F12');
    await expect.poll(() => activeLine(page)).toBe(declaration);

    // F2 there renames the declaration and both bindings.
    await page.keyboard.press('F2');
    const box = page.locator('.rename-box input.rename-input');
    await box.waitFor({ timeout: 10_000 });
    await box.fill('per_channel');
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden' });
    const renamed = JSON.parse(await editorText(page));
    expect(renamed.declared_queries.map((q: { name: string }) => q.name)).toEqual(['per_channel', 'totals']);
    const [bar, stat, table] = renamed.spec.root.children;
    expect([bar.props.data.$query, table.props.data.$query]).toEqual(['per_channel', 'per_channel']);
    expect(stat.props.value.$value.query).toBe('totals');
    // Still a clean page over the same rows.
    await expect.poll(() => page.getByTestId('query-strip').innerText(), { timeout: 20_000 }).toMatch(/per_channel: 6 rows/);
    expect(await page.getByTestId('problems').innerText()).toContain('No problems');
    await close();
  });
});
