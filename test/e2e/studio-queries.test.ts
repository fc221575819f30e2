/**
 * The studio's queries panel and the link between preview and JSON, in real
 * Chromium over the production build and the embedded PGlite platform. The
 * platform's own query log (AMDAHL_LOCAL_QUERY_LOG, one line per statement it
 * runs) counts the queries; the server's short result cache is off, so a
 * query not run is one the studio did not ask for.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';
import { replaceEditorText } from './studio-driving';

let app: AppServer;
let browser: Browser;
let context: BrowserContext;
const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'amdahl-e2e-queries-')), 'queries.log');

beforeAll(async () => {
  app = await startApp({ env: { AMDAHL_LOCAL_QUERY_LOG: log, AMDAHL_QUERY_CACHE_MS: '0' } });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

const platformQueries = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);

const BY_TOPIC = 'SELECT topic, COUNT(*) AS events FROM interactions GROUP BY topic ORDER BY topic';

function pageText(title: string, sql = BY_TOPIC): string {
  return JSON.stringify(
    {
      name: `Queries e2e ${title}`,
      tags: ['e2e'],
      declared_queries: [{ name: 'by_topic', source: 'sql', sql }],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title },
          children: [
            { type: 'Heading', props: { text: 'Topics by volume' } },
            { type: 'BarChart', props: { data: { $query: 'by_topic' }, x: 'topic', y: 'events' } },
          ],
        },
      },
    },
    null,
    2,
  );
}

const jsonEditor = (page: Page) => page.getByTestId('json-editor');

/** The JSON editor's whole text, read as a person would: select all, copy. */
async function editorText(page: Page): Promise<string> {
  await jsonEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** 1-based first and last line of the value at a path. */
function linesOf(text: string, at: (string | number)[]): [number, number] {
  const node = findNodeAtLocation(parseTree(text)!, at)!;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  return [lineAt(node.offset), lineAt(node.offset + node.length)];
}

async function cursorLine(page: Page): Promise<number> {
  return Number(await jsonEditor(page).locator('.line-numbers.active-line-number').innerText());
}

const outlined = (page: Page, pointer: string) =>
  page.getByTestId('preview').locator(`[data-pointer="${pointer}"]`).first().evaluate((el) => getComputedStyle(el).outlineStyle);

async function openPage(text: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/pages/new`);
  await jsonEditor(page).locator('.monaco-editor').waitFor();
  await replaceEditorText(page, text);
  const preview = page.getByTestId('preview');
  await expect.poll(() => preview.innerText(), { timeout: 30_000 }).toContain('Topics by volume');
  await expect.poll(() => preview.getByTestId('query-strip').innerText(), { timeout: 30_000 }).toMatch(/by_topic: 6 rows/);
  return page;
}

describe('the queries panel', () => {
  it('runs a query and shows its rows, columns and count; SQL edited there is written into the JSON; a broken SQL is marked', async () => {
    const page = await openPage(pageText('Panel'));
    const offHost = watchOffHostRequests(page);
    await page.getByRole('button', { name: 'Queries' }).click();
    const card = page.getByTestId('query-by_topic');
    await card.locator('.monaco-editor').waitFor();

    await card.getByRole('button', { name: 'Run' }).click();
    const result = card.getByTestId('run-result');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('shipping');
    expect(await card.getByTestId('run-summary').innerText()).toMatch(/^6 rows · \d+ ms/);
    const headers = await result.locator('th').allInnerTexts();
    expect(headers.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(['topic text', 'events bigint']);
    expect(await result.locator('tbody tr').count()).toBe(6);

    // Completion offers the table's columns, with their types from the platform.
    const broken = 'SELECT topic, COUNT(*) AS events\nFROM interactions\nGROUP BY topc';
    await card.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('SELECT sentiment_s');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget');
    await expect.poll(() => suggest.innerText(), { timeout: 10_000 }).toContain('sentiment_score');
    await page.keyboard.press('Escape');

    // Type the broken statement: the JSON document follows, as one string edit.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(broken);
    await expect.poll(async () => (JSON.parse(await editorText(page)) as { declared_queries: { sql: string }[] }).declared_queries[0]!.sql).toBe(broken);
    const text = await editorText(page);
    expect(text).toBe(pageText('Panel', broken));

    await card.getByRole('button', { name: 'Run' }).click();
    const error = card.getByTestId('run-error');
    await expect.poll(() => error.innerText(), { timeout: 20_000 }).toContain('topc');
    expect(await error.innerText()).toContain('(line 3, column 10)');
    await expect.poll(() => card.locator('.squiggly-error').count()).toBeGreaterThan(0);
    // The marker sits on line 3 of the SQL editor, where `topc` is.
    const markerTop = await card.locator('.squiggly-error').first().evaluate((el) => el.getBoundingClientRect().top);
    const lineTops = await card.locator('.view-line').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top).sort((a, b) => a - b));
    expect(Math.abs(markerTop - lineTops[2]!)).toBeLessThan(4);
    expect(offHost).toEqual([]);
    await page.close();
  });
});

describe('spec-only edits', () => {
  it('update the preview without any query reaching the platform; an SQL edit runs that query once', async () => {
    const page = await openPage(pageText('Before'));
    const preview = page.getByTestId('preview');
    // Let the first preview's run land in the log before counting.
    await page.waitForTimeout(500);
    const before = platformQueries();
    expect(before).toBeGreaterThan(0);

    await replaceEditorText(page, pageText('After'));
    await expect.poll(() => preview.innerText(), { timeout: 20_000 }).toContain('After');
    expect(await preview.innerText()).not.toContain('Before');
    await expect.poll(() => preview.getByTestId('query-strip').innerText()).toMatch(/by_topic: 6 rows · cached/);
    await page.waitForTimeout(1_000);
    expect(platformQueries()).toBe(before);

    // The counter is live: changing the SQL runs it, once.
    await replaceEditorText(page, pageText('After', `${BY_TOPIC} DESC`));
    await expect.poll(() => preview.getByTestId('query-strip').innerText(), { timeout: 20_000 }).toMatch(/by_topic: 6 rows · \d+ ms/);
    await expect.poll(platformQueries).toBe(before + 1);
    await page.close();
  });
});

describe('preview and JSON in step', () => {
  it('a click on a chart puts the cursor in its JSON object; moving the cursor outlines the node it is in', async () => {
    const text = pageText('Step');
    const page = await openPage(text);
    const preview = page.getByTestId('preview');
    const chart = preview.locator('[data-pointer="/root/children/1"]');
    await chart.locator('svg').first().waitFor({ timeout: 20_000 });

    await chart.click();
    const [first, last] = linesOf(text, ['spec', 'root', 'children', 1]);
    await expect.poll(() => cursorLine(page)).toBeGreaterThanOrEqual(first);
    expect(await cursorLine(page)).toBeLessThanOrEqual(last);
    await expect.poll(() => outlined(page, '/root/children/1')).toBe('solid');
    expect(await outlined(page, '/root/children/0')).toBe('none');

    // Put the cursor on the heading's text: the heading is outlined, the chart no longer.
    await jsonEditor(page).locator('.view-line', { hasText: '"Topics by volume"' }).click();
    const [hFirst, hLast] = linesOf(text, ['spec', 'root', 'children', 0]);
    const line = await cursorLine(page);
    expect(line).toBeGreaterThanOrEqual(hFirst);
    expect(line).toBeLessThanOrEqual(hLast);
    await expect.poll(() => outlined(page, '/root/children/0')).toBe('solid');
    expect(await outlined(page, '/root/children/1')).toBe('none');
    await page.close();
  });
});
