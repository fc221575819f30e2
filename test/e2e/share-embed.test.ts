/**
 * Share → Embed, end to end in real Chromium over the production build and
 * the embedded PGlite platform: the dialog checks origins before asking the
 * server, mints through the app's own API, shows a snippet that works, and
 * frames the real embed as a live preview (whose frame-ancestors allow the
 * studio). Counts in the preview are checked against the database itself.
 *
 * SHARE_EMBED_SCREENSHOTS=<dir> also saves screenshots of the dialog there.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';
import { createPage } from './js-weight-pages';

const DEV_KEY = 'amdhl_local_dev';
const SHOTS = process.env.SHARE_EMBED_SCREENSHOTS;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function count(app: AppServer, where: string, key = DEV_KEY): Promise<string> {
  const response = await fetch(`${app.url}/api/platform/v1/data/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql: `SELECT COUNT(*) AS n FROM interactions ${where}` }),
  });
  const body = (await response.json()) as { rows: { n: number | string }[] };
  // The Stat's "number" format: en-US grouping.
  return new Intl.NumberFormat('en-US').format(Number(body.rows[0]!.n));
}

async function pageIdNamed(app: AppServer, name: string, key = DEV_KEY): Promise<string> {
  const response = await fetch(`${app.url}/api/platform/v1/pages?limit=100`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { items?: { id: string; name: string }[] };
  const found = (body.items ?? []).find((p) => p.name === name);
  if (!found) throw new Error(`no page named ${name}: ${JSON.stringify(body).slice(0, 300)}`);
  return found.id;
}

/** Uncaught errors in the studio's page (a crash shows Next's "This page couldn't load"). */
function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Every mint the browser asks the app for, with its body. */
function watchMints(page: Page): { body: Record<string, unknown> }[] {
  const mints: { body: Record<string, unknown> }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /^\/api\/pages\/[^/]+\/embed$/.test(new URL(request.url()).pathname)) mints.push({ body: JSON.parse(request.postData() ?? '{}') });
  });
  return mints;
}

function claimsOf(embedUrl: string): Record<string, unknown> {
  const token = new URL(embedUrl).searchParams.get('token')!;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function openShare(page: Page) {
  // In the editor, wait until the studio has settled: the editor on screen and the first preview drawn (each re-renders the studio).
  if (new URL(page.url()).pathname.endsWith('/edit')) {
    await page.locator('.monaco-editor').first().waitFor();
    await page.getByTestId('query-strip').waitFor();
  }
  // A click before the page is hydrated would be lost: wait for the button to be live.
  const share = page.locator('button[data-ready="true"]', { hasText: 'Share…' });
  await share.waitFor();
  await share.click();
  const dialog = page.getByRole('dialog', { name: 'Share → Embed' });
  await dialog.waitFor();
  return dialog;
}

const previewText = (page: Page) => page.frameLocator('[data-testid="embed-preview"]').locator('body').innerText();

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe('Share → Embed on a studio whose key has pages:admin (the dev key)', () => {
  let app: AppServer;
  let context: BrowserContext;

  beforeAll(async () => {
    app = await startApp();
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
  });

  it('refuses a bad origin in place, mints a link for a good one, and previews the real embed', async () => {
    const id = await pageIdNamed(app, 'Channel health');
    const total = await count(app, '');
    const page = await context.newPage();
    const offHost = watchOffHostRequests(page);
    const mints = watchMints(page);
    const pageErrors = watchPageErrors(page);
    await page.goto(`${app.url}/pages/${encodeURIComponent(id)}/edit`);
    const dialog = await openShare(page);
    expect(await dialog.innerText()).toContain('This page declares no params.');

    // A bad origin: its error shows beside it as the field is left, and again on Create; nothing is sent.
    await dialog.getByRole('button', { name: 'Add origin' }).click();
    const origin = dialog.getByLabel('Allowed origin 1', { exact: true });
    await origin.fill('wiki.example.com');
    await origin.press('Tab');
    await expect.poll(() => dialog.innerText()).toContain('Start with https://');
    expect(await origin.getAttribute('aria-invalid')).toBe('true');
    await origin.fill('https://wiki.example.com/docs');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => dialog.innerText()).toContain('no path, query or #fragment');
    // Create sent the author back to the field that needs them.
    // (after the error is drawn: the studio's other panels may still be committing, so wait for the focus rather than race it)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Allowed origin 1');
    await page.waitForTimeout(300);
    expect(mints).toEqual([]);

    // Mended: the link is minted with exactly that origin; a second, short link lets the studio frame the preview.
    await origin.fill('https://Wiki.Example.com');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByTestId('embed-expiry').waitFor();
    expect(mints.map((m) => m.body.origins)).toEqual([['https://wiki.example.com'], [app.url]]);
    expect(mints[0]!.body).toMatchObject({ audience: 'self', ttl_seconds: 86_400, page_version: 'latest' });
    expect(mints[1]!.body).toMatchObject({ audience: 'self', ttl_seconds: 600 });

    const url = await dialog.getByLabel('Embed URL', { exact: true }).inputValue();
    // The API names this server as Next's request URL does (localhost or 127.0.0.1): the same port either way.
    const port = new URL(app.url).port;
    expect(url).toMatch(new RegExp(`^http://(127\\.0\\.0\\.1|localhost):${port}/embed/${encodeURIComponent(id)}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    const snippet = await dialog.getByLabel('Snippet', { exact: true }).inputValue();
    expect(snippet).toContain(`src="${url}"`);
    expect(snippet).toContain(`<script src="${new URL(url).origin}/embed.js" async></script>`);
    expect(snippet).toContain('data-amdahl-embed');
    expect(claimsOf(url)).toMatchObject({ audience: 'self', origins: ['https://wiki.example.com'] });
    // The expiry is shown in local time, about a day ahead.
    const expiresAt = await dialog.locator('[data-testid="embed-expiry"] time').getAttribute('datetime');
    expect(Math.abs(Date.parse(expiresAt!) - Date.now() - 86_400_000)).toBeLessThan(120_000);

    // The author's link may be framed only by their origin; the preview's by this studio.
    expect((await fetch(url)).headers.get('content-security-policy')).toBe("frame-ancestors https://wiki.example.com; frame-src 'self'");
    const previewFrame = dialog.getByTestId('embed-preview');
    const previewUrl = (await previewFrame.getAttribute('src'))!;
    expect(previewUrl).not.toBe(url);
    expect((await fetch(previewUrl)).headers.get('content-security-policy')).toBe(`frame-ancestors ${app.url}; frame-src 'self'`);

    // The preview is the page, rendered in the frame over real rows, and sized to it from the height it posts.
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain('Resolution rate');
    const text = await previewText(page);
    expect(text).toContain(total);
    for (const channel of ['email', 'chat', 'phone']) expect(text).toContain(channel);
    await expect.poll(async () => Number(await previewFrame.getAttribute('data-height')), { timeout: 15_000 }).toBeGreaterThan(300);
    await expect.poll(async () => (await previewFrame.boundingBox())!.height).toBe(Number(await previewFrame.getAttribute('data-height')));
    await screenshot(page, 'share-embed-light');

    // Copy puts the URL on the clipboard.
    await dialog.getByRole('button', { name: 'Copy embed url' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // The theme is the URL's, not the token's: no new mint, and the preview follows it.
    await dialog.getByLabel('Theme', { exact: true }).selectOption('dark');
    expect(await dialog.getByLabel('Embed URL', { exact: true }).inputValue()).toBe(`${url}&theme=dark`);
    expect(await dialog.getByLabel('Snippet', { exact: true }).inputValue()).toContain(`src="${url}&amp;theme=dark"`);
    await expect.poll(() => page.frameLocator('[data-testid="embed-preview"]').locator('.ap-embed').getAttribute('data-theme'), { timeout: 15_000 }).toBe('dark');
    expect(mints).toHaveLength(2);
    if (SHOTS) {
      // The studio is light today; the dialog's colours are the app's light-dark() tokens, so a dark root turns it dark.
      // The build compiles light-dark() into --lightningcss-light/-dark switches, so the root is switched the way the compiled CSS does it.
      await page.addStyleTag({ content: ':root { --lightningcss-light: ; --lightningcss-dark: initial; color-scheme: dark; }' });
      await screenshot(page, 'share-embed-dark');
    }

    // Modal: Tab stays inside the dialog; Escape closes it and gives focus back to Share.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => {
        const active = document.activeElement;
        return active === document.body || active === null || !!active.closest('dialog');
      });
      expect(inside).toBe(true);
    }
    // (Escape pressed while the preview's own document has focus stays in that frame: focus a field of the dialog first.)
    await dialog.getByLabel('Embed URL', { exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Share…');
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('mints a workspace link with a data slice from the view page, and the preview shows only that slice', async () => {
    const id = await pageIdNamed(app, 'Channel health');
    const emails = await count(app, "WHERE channel = 'email'");
    const page = await context.newPage();
    const mints = watchMints(page);
    const pageErrors = watchPageErrors(page);
    await page.goto(`${app.url}/pages/${encodeURIComponent(id)}`);
    await screenshot(page, 'view-header');
    const dialog = await openShare(page);
    await dialog.getByRole('radio', { name: 'Workspace' }).check();
    await dialog.getByLabel('Link lifetime', { exact: true }).selectOption('custom');
    await dialog.getByLabel('Custom lifetime amount').fill('90');
    await dialog.getByLabel('Custom lifetime unit').selectOption('minutes');
    await dialog.getByLabel('Slice column').selectOption('channel');
    await dialog.getByLabel('Slice values, comma-separated').fill('email');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByTestId('embed-expiry').waitFor();
    expect(await dialog.getByTestId('embed-refusal').count()).toBe(0);
    expect(mints[0]!.body).toEqual({ audience: 'workspace', ttl_seconds: 5400, origins: [], rules: { channel: ['email'] }, page_version: 'latest' });
    const url = await dialog.getByLabel('Embed URL', { exact: true }).inputValue();
    expect(claimsOf(url)).toMatchObject({ audience: 'workspace', rules: { channel: ['email'] }, origins: [] });
    // A workspace link with no origins is framed nowhere.
    expect((await fetch(url)).headers.get('content-security-policy')).toBe("frame-ancestors 'none'; frame-src 'self'");

    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain('Resolution rate');
    const text = await previewText(page);
    expect(text).toContain(emails);
    expect(text).toContain('email');
    for (const other of ['chat', 'phone', 'sms']) expect(text).not.toContain(other);

    // Changing a setting marks the link as made with the old ones.
    await dialog.getByLabel('Slice values, comma-separated').fill('email, chat');
    await expect.poll(() => dialog.innerText()).toContain('create the link again');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('offers the page’s declared params and pins the chosen value', async () => {
    const id = await createPage(app.url, {
      name: 'Share params e2e',
      tags: ['e2e'],
      declared_queries: [
        // The platform stores a param as a type name.
        { name: 'totals', source: 'sql', sql: 'SELECT COUNT(*) AS interactions FROM interactions WHERE direction = @direction', params: { direction: 'string' } },
      ],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: { type: 'Stat', props: { label: 'Pinned interactions', value: { $value: { query: 'totals', field: 'interactions' } }, format: 'number' } },
      },
    });
    const outbound = await count(app, "WHERE direction = 'outbound'");
    const inbound = await count(app, "WHERE direction = 'inbound'");
    expect(outbound).not.toBe(inbound);
    const page = await context.newPage();
    const mints = watchMints(page);
    const pageErrors = watchPageErrors(page);

    // An unsaved page has nothing to embed: the button says why and opens nothing.
    await page.goto(`${app.url}/pages/new`);
    const unsaved = page.getByRole('button', { name: 'Share…' });
    expect(await unsaved.getAttribute('aria-disabled')).toBe('true');
    expect(await unsaved.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')!)?.textContent)).toContain('Save the page first');
    // Focusable (so its reason is read out), yet Enter opens nothing.
    await unsaved.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.goto(`${app.url}/pages/${encodeURIComponent(id)}/edit`);
    await screenshot(page, 'studio-toolbar');
    const dialog = await openShare(page);
    expect(await dialog.innerText()).not.toContain('declares no params');
    const param = dialog.getByLabel('direction');
    expect(await param.getAttribute('placeholder')).toBe('Not pinned');
    expect(await dialog.innerText()).toContain('used by totals');
    await param.fill('outbound');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByTestId('embed-expiry').waitFor();
    expect(mints[0]!.body.params).toEqual({ direction: 'outbound' });
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain('Pinned interactions');
    expect(await previewText(page)).toContain(outbound);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('Share → Embed on a studio whose key lacks pages:admin', () => {
  const KEY = 'amdhl_e2e_share_0123456789abcdef';
  let app: AppServer;

  beforeAll(async () => {
    app = await startApp({
      env: { AMDAHL_LOCAL_KEYS: JSON.stringify([{ key: KEY, business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] }]), API_KEY: KEY },
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shows the server’s refusal of a workspace link, and a link with the author’s own access still works', async () => {
    const id = await pageIdNamed(app, 'Channel health', KEY);
    const page = await browser.newPage();
    const mints = watchMints(page);
    const pageErrors = watchPageErrors(page);
    await page.goto(`${app.url}/pages/${encodeURIComponent(id)}/edit`);
    const dialog = await openShare(page);
    await dialog.getByRole('radio', { name: 'Workspace' }).check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const refusal = dialog.getByTestId('embed-refusal');
    await refusal.waitFor();
    const message = await refusal.innerText();
    expect(message).toContain('pages:admin');
    expect(message).toMatch(/HTTP 403/);
    expect(message).toContain('choose “My access”');
    expect(await dialog.getByTestId('embed-expiry').count()).toBe(0);
    // In sight, not below the fold of the form.
    const box = (await refusal.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await screenshot(page, 'share-embed-refused');

    await dialog.getByRole('radio', { name: 'My access' }).check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByTestId('embed-expiry').waitFor();
    expect(await refusal.count()).toBe(0);
    expect(mints.map((m) => m.body.audience)).toEqual(['workspace', 'self', 'self']);
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain('Resolution rate');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
