/**
 * Authoring without writing JSON, in real Chromium over the production build
 * and the embedded PGlite platform: the Properties panel edits the selected
 * node's props through the editor (one undo step), the Components palette
 * inserts a component, the Outline moves it with the keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { watchOffHostRequests } from './browser';
import { openNewPageWith } from './studio-driving';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

function pageText(): string {
  return JSON.stringify(
    {
      name: 'Authoring',
      tags: ['e2e-authoring'],
      declared_queries: [
        { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' },
      ],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title: 'Authoring' },
          children: [
            { type: 'Heading', props: { text: 'Old title', level: 2 } },
            {
              type: 'Grid',
              props: { columns: 2 },
              children: [{ type: 'BarChart', props: { title: 'Events', data: { $query: 'by_channel' }, x: 'channel', y: 'events' } }],
            },
          ],
        },
      },
    },
    null,
    2,
  );
}

async function openStudio(): Promise<{ page: Page; offHost: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const page = await context.newPage();
  const offHost = watchOffHostRequests(page);
  await openNewPageWith(page, app.url, pageText(), 'Authoring');
  // The query ran: the studio holds its columns.
  await expect.poll(() => page.getByTestId('query-strip').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/by_channel: 6 rows/);
  return { page, offHost, close: () => context.close() };
}

/** The editor's whole text, through the clipboard (the view only draws the visible lines). Focuses the editor. */
async function editorText(page: Page): Promise<string> {
  await page.locator('.st-editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('ArrowLeft');
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('properties panel', () => {
  it('edits the clicked Heading’s text through the JSON, previews it within 500 ms, and Ctrl+Z in the editor undoes it', async () => {
    const { page, offHost, close } = await openStudio();
    try {
      const before = await editorText(page);
      const preview = page.getByTestId('preview');
      await preview.getByRole('heading', { name: 'Old title' }).click();
      const properties = page.getByRole('region', { name: 'Properties' });
      const textbox = properties.getByRole('textbox', { name: 'text', exact: true });
      await textbox.waitFor({ timeout: 10_000 });
      expect(await textbox.inputValue()).toBe('Old title');
      // The other props are there too, defaults as placeholders: a generated form, not a hand-written one.
      expect(await properties.getByRole('combobox', { name: 'align', exact: true }).inputValue()).toBe('');
      expect(await properties.getByRole('textbox', { name: 'level', exact: true }).inputValue()).toBe('2');

      await textbox.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('New title');
      const typed = Date.now();
      await preview.getByRole('heading', { name: 'New title' }).waitFor({ timeout: 5_000 });
      const elapsed = Date.now() - typed;
      console.log(`properties panel: last keystroke to preview ${elapsed} ms`);
      expect(elapsed).toBeLessThan(500);
      expect(await textbox.inputValue()).toBe('New title');

      // Only the string changed: the rest of the text is byte for byte the author's.
      expect(await editorText(page)).toBe(before.replace('"text": "Old title"', '"text": "New title"'));
      // One undo step for the whole typing.
      await page.keyboard.press('Control+Z');
      expect(await editorText(page)).toBe(before);
      await preview.getByRole('heading', { name: 'Old title' }).waitFor({ timeout: 5_000 });
      expect(offHost).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The Grid's children as the editor's JSON has them. */
async function gridChildren(page: Page, at = 1): Promise<string[]> {
  const page_ = JSON.parse(await editorText(page)) as { spec: { root: { children: { type: string; children?: { type: string }[] }[] } } };
  return page_.spec.root.children[at]!.children!.map((c) => c.type);
}

describe('properties panel diagnostics', () => {
  it('marks a prop the validator refuses on its control with the editor’s message, and keeps input that is not a number out of the JSON', async () => {
    const { page, close } = await openStudio();
    try {
      await page.getByRole('tree', { name: 'Outline' }).getByRole('treeitem', { name: 'Heading · Old title' }).click();
      const properties = page.getByRole('region', { name: 'Properties' });
      const level = properties.getByRole('textbox', { name: 'level', exact: true });
      await level.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('9');
      await expect.poll(() => level.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
      const message = await properties.locator(`#${await level.getAttribute('id')}-problem`).innerText();
      expect(message).toMatch(/4/);
      // The same diagnostic as the editor's marker and the problems list.
      await expect.poll(() => page.locator('.st-problems').innerText()).toContain(message);

      await page.keyboard.press('Control+A');
      await page.keyboard.type('x');
      expect(await level.getAttribute('aria-invalid')).toBe('true');
      expect(await properties.locator(`#${await level.getAttribute('id')}-problem`).innerText()).toBe('"x" is not a number');
      expect(await editorText(page)).toContain('"level": 9');
    } finally {
      await close();
    }
  });
});

describe('components palette and outline', () => {
  it('lists exactly the bound query’s columns in a column prop’s select', async () => {
    const { page, close } = await openStudio();
    try {
      const outline = page.getByRole('tree', { name: 'Outline' });
      await outline.getByRole('treeitem', { name: 'BarChart · Events' }).click();
      const x = page.getByRole('region', { name: 'Properties' }).getByRole('combobox', { name: 'x', exact: true });
      await x.waitFor({ timeout: 10_000 });
      expect(await x.inputValue()).toBe('channel');
      const options = await x.locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
      expect(options).toEqual(['channel', 'events']);
    } finally {
      await close();
    }
  });

  it('inserts a Stat into the Grid from the Components region, validates clean, shows a number, and moves first with the keyboard', async () => {
    const { page, offHost, close } = await openStudio();
    try {
      const outline = page.getByRole('tree', { name: 'Outline' });
      await outline.getByRole('treeitem', { name: 'Grid', exact: true }).click();
      const components = page.getByRole('region', { name: 'Components' });
      await components.getByRole('searchbox', { name: 'Search components' }).fill('stat');
      await components.getByRole('button', { name: 'Stat', exact: true }).click();

      // The Stat is the Grid's last child, selected in the outline.
      const statRow = outline.getByRole('treeitem', { name: /^Stat/ });
      await expect.poll(() => statRow.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
      expect(await statRow.getAttribute('data-pointer')).toBe('/spec/root/children/1/children/1');
      await expect.poll(() => page.locator('.st-toolbar .st-status').innerText(), { timeout: 20_000 }).toMatch(/^0 errors, 0 warnings$/);
      // Bound to the page's query: its first row's events, drawn as a number.
      const stat = page.getByTestId('preview').locator('[data-pointer="/root/children/1/children/1"]');
      await expect.poll(() => stat.innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/\d/);
      expect(await gridChildren(page)).toEqual(['BarChart', 'Stat']);

      // Alt+ArrowUp on its row moves it first; the JSON follows.
      await outline.getByRole('treeitem', { name: /^Stat/ }).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await expect.poll(() => outline.getByRole('treeitem', { name: /^Stat/ }).getAttribute('data-pointer')).toBe('/spec/root/children/1/children/0');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-pointer'))).toBe('/spec/root/children/1/children/0');
      expect(await gridChildren(page)).toEqual(['Stat', 'BarChart']);
      expect(offHost).toEqual([]);
    } finally {
      await close();
    }
  });

  it('moves a node into a layout node by dragging its row, selects it in the preview, and deletes it after asking', async () => {
    const { page, close } = await openStudio();
    try {
      const outline = page.getByRole('tree', { name: 'Outline' });
      await outline.getByRole('treeitem', { name: 'Heading · Old title' }).dragTo(outline.getByRole('treeitem', { name: 'Grid', exact: true }));
      const heading = outline.getByRole('treeitem', { name: 'Heading · Old title' });
      await expect.poll(() => heading.getAttribute('data-pointer')).toBe('/spec/root/children/0/children/1');
      expect(await gridChildren(page, 0)).toEqual(['BarChart', 'Heading']);

      // Selecting its row outlines it in the preview.
      await outline.getByRole('treeitem', { name: 'Heading · Old title' }).click();
      await expect.poll(() => page.locator('.st-preview style').innerText().catch(() => '')).toContain('/root/children/0/children/1');

      await page.keyboard.press('Delete');
      const dialog = page.getByRole('alertdialog', { name: 'Delete Heading · Old title?' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(await gridChildren(page, 0)).toEqual(['BarChart', 'Heading']);
      await outline.getByRole('treeitem', { name: 'Heading · Old title' }).click();
      await page.keyboard.press('Delete');
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => outline.getByRole('treeitem', { name: 'Heading · Old title' }).count()).toBe(0);
      expect(await gridChildren(page, 0)).toEqual(['BarChart']);
    } finally {
      await close();
    }
  });
});
