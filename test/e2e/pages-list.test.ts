/**
 * The pages list in real Chromium over the production build and the embedded
 * platform: search, tag and status filters (kept in the URL, so they survive
 * a reload), paging with the platform's cursor, duplicate, and archive with a
 * confirmation and Undo.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';

const KEY = 'amdhl_local_dev';
const COUNT = 30;
let app: AppServer;
let browser: Browser;
/** name -> {id, status} of the pages this test made. */
const made = new Map<string, { id: string; status: string }>();

async function platform(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/api/platform/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const nameOf = (i: number) => `Zephyr ${String(i).padStart(2, '0')}`;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  for (let i = 1; i <= COUNT; i++) {
    const created = await platform('POST', '/pages', {
      name: nameOf(i),
      tags: ['e2e-list', i % 2 === 0 ? 'e2e-even' : 'e2e-odd'],
      declared_queries: [],
      spec: { version: 1, root: { type: 'Heading', props: { text: nameOf(i) } } },
    });
    expect(created.status).toBe(201);
    let status = created.body.status as string;
    if (i % 3 === 0) status = (await platform('PATCH', `/pages/${created.body.id}`, { status: 'published' })).body.status;
    made.set(nameOf(i), { id: created.body.id, status });
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(path: string): Promise<{ page: Page; offHost: string[] }> {
  const page = await browser.newPage();
  const offHost = watchOffHostRequests(page);
  await page.goto(`${app.url}${path}`);
  await page.waitForLoadState('networkidle');
  return { page, offHost };
}

const rows = (page: Page) => page.locator('[data-testid=page-list] tbody tr[data-page-id]');

async function shownNames(page: Page): Promise<string[]> {
  return rows(page).locator('th[scope=row]').allInnerTexts();
}

/** Waits until the list shows exactly `count` rows (after a navigation or refresh). */
async function waitForRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=page-list] tbody tr[data-page-id]').length === n, count, { timeout: 20_000 });
}

describe('pages list', () => {
  it('search by name narrows the list and is written into the URL', async () => {
    const { page, offHost } = await open('/');
    await page.getByLabel('Search by name').fill('zephyr 1');
    await page.waitForURL(/[?&]q=zephyr\+1(&|$)/);
    await waitForRows(page, 10);
    const names = await shownNames(page);
    expect(names.sort()).toEqual(Array.from({ length: 10 }, (_, i) => nameOf(10 + i)).sort());
    expect(offHost).toEqual([]);
    await page.close();
  });

  it('the tag and status filters narrow it; a reload keeps them', async () => {
    const { page } = await open('/');
    await page.getByLabel('Tag', { exact: true }).fill('e2e-odd');
    await page.getByLabel('Tag', { exact: true }).press('Enter');
    await page.waitForURL(/[?&]tag=e2e-odd(&|$)/);
    await waitForRows(page, 15);
    const odd = await shownNames(page);
    expect(odd.every((n) => Number(n.slice(-2)) % 2 === 1), odd.join()).toBe(true);

    await page.getByLabel('Status', { exact: true }).selectOption('published');
    await page.waitForURL(/status=published/);
    const published = [...made].filter(([n, p]) => p.status === 'published' && Number(n.slice(-2)) % 2 === 1).map(([n]) => n);
    expect(published.length).toBe(5);
    await waitForRows(page, published.length);
    expect((await shownNames(page)).sort()).toEqual(published.sort());

    await page.reload();
    await page.waitForLoadState('networkidle');
    await waitForRows(page, published.length);
    expect((await shownNames(page)).sort()).toEqual(published.sort());
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe('e2e-odd');
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('published');
    await page.close();
  });

  it('Next and Previous page through the platform cursor: different pages, none twice, all of them', async () => {
    const { page } = await open('/?tag=e2e-list');
    await waitForRows(page, 25);
    const first = await shownNames(page);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(/cursor=/);
    await waitForRows(page, 5);
    const second = await shownNames(page);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    expect([...first, ...second].sort()).toEqual([...made.keys()].sort());
    // Newest first, as the platform orders them.
    expect(first[0]).toBe(nameOf(30));
    expect(second.at(-1)).toBe(nameOf(1));
    await expect(page.getByRole('link', { name: 'Next →' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: '← Previous' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cursor'));
    await waitForRows(page, 25);
    expect(await shownNames(page)).toEqual(first);
    await page.close();
  });

  it('created and updated times are readable, with the exact instant in <time dateTime>', async () => {
    const { page } = await open('/?q=Zephyr+03');
    await waitForRows(page, 1);
    const times = rows(page).first().locator('time');
    expect(await times.count()).toBe(2);
    const created = await platform('GET', `/pages/${made.get(nameOf(3))!.id}`);
    expect(await times.nth(0).getAttribute('datetime')).toBe(created.body.created_at);
    expect(await times.nth(1).getAttribute('datetime')).toBe(created.body.updated_at);
    expect(await times.nth(0).innerText()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
    // Open and Edit lead to the page's view and editor.
    const id = made.get(nameOf(3))!.id;
    const row = rows(page).first();
    expect(await row.getByRole('link', { name: 'Open', exact: true }).getAttribute('href')).toBe(`/pages/${id}`);
    expect(await row.getByRole('link', { name: 'Edit', exact: true }).getAttribute('href')).toBe(`/pages/${id}/edit`);
    await row.getByRole('link', { name: 'Open', exact: true }).click();
    await page.waitForURL(`${app.url}/pages/${id}`);
    await page.getByText(nameOf(3)).first().waitFor();
    await page.close();
  });

  it('Duplicate creates "<name> (copy)" through the pages API and shows it', async () => {
    const { page } = await open('/?tag=e2e-even');
    await waitForRows(page, 15);
    await page.getByRole('button', { name: `Duplicate ${nameOf(4)}`, exact: true }).click();
    await page.getByTestId('list-notice').getByText(`${nameOf(4)} (copy)`).waitFor();
    await waitForRows(page, 16);
    expect((await shownNames(page))[0]).toBe(`${nameOf(4)} (copy)`);

    const copies = (await platform('GET', '/pages?tag=e2e-even&limit=100')).body.items.filter((p: { name: string }) => p.name === `${nameOf(4)} (copy)`);
    expect(copies).toHaveLength(1);
    const original = (await platform('GET', `/pages/${made.get(nameOf(4))!.id}`)).body;
    expect(copies[0]).toMatchObject({ tags: original.tags, spec: original.spec, status: 'draft' });
    expect(copies[0].id).not.toBe(original.id);
    await page.close();
  });

  it('Archive asks first, removes the page from the list, and Undo brings it back as it was', async () => {
    const target = made.get(nameOf(9))!; // published
    expect(target.status).toBe('published');
    const { page } = await open('/?q=Zephyr+0&status=published');
    await waitForRows(page, 3);
    await page.getByRole('button', { name: `Archive ${nameOf(9)}`, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Archive “${nameOf(9)}”?`);
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await platform('GET', `/pages/${target.id}`)).status).toBe(200);

    await page.getByRole('button', { name: `Archive ${nameOf(9)}`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByTestId('list-notice').getByText(`Archived “${nameOf(9)}”.`).waitFor();
    await waitForRows(page, 2);
    expect(await shownNames(page)).not.toContain(nameOf(9));
    expect((await platform('GET', `/pages/${target.id}`)).status).toBe(404);
    // Undo, while the notice is on screen, brings it back with its id and status.
    await page.getByTestId('list-notice').getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('list-notice').getByText('Restored').waitFor();
    await waitForRows(page, 3);
    expect(await shownNames(page)).toContain(nameOf(9));
    const restored = await platform('GET', `/pages/${target.id}`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: target.id, name: nameOf(9), status: 'published' });
    // Still there after a reload: restored on the platform, not only shown again here.
    await page.reload();
    await page.waitForLoadState('networkidle');
    await waitForRows(page, 3);
    await page.close();
  });
});
