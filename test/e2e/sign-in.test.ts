/**
 * Beyond loopback the studio is not a laptop tool any more: the built-in dev
 * key stops working, only configured keys reach the local platform, and the
 * studio asks for sign-in. An author who signs in with a platform key works
 * with that key (the platform's query log names it; a save succeeds where the
 * server's own key may not write); the cookie carries it only encrypted.
 * Failed sign-ins are limited; sessions expire and end at sign-out. With
 * STUDIO_PASSWORD the operator's password opens the studio instead. (The
 * server binds 127.0.0.1 here; AMDAHL_LISTEN_HOST tells the app it is
 * exposed, as `HOST=0.0.0.0 npm run studio` would.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_SECONDS } from '../../lib/host/studio-auth';
import { createSessionSealer } from '../../lib/host/studio-session';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';

/** The server's own key: it reads, it may not write pages. */
const KEY = 'amdhl_e2e0123456789abcdef';
const AUTHOR_A = 'amdhl_e2e_author_a_4f1c9d0e';
const AUTHOR_B = 'amdhl_e2e_author_b_7a2b8c3d';
const SESSION_SECRET = 'e2e-session-secret-'.padEnd(48, 'x');
const COOKIE = 'amdahl_studio_session';
const logDir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-e2e-signin-'));
const QUERY_LOG = path.join(logDir, 'queries.log');
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    env: {
      AMDAHL_LISTEN_HOST: '0.0.0.0',
      AMDAHL_LOCAL_KEYS: JSON.stringify([
        { key: KEY, name: 'server', business: 'demo', scopes: ['data:read', 'pages:read'] },
        { key: AUTHOR_A, name: 'author-a', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] },
        { key: AUTHOR_B, name: 'author-b', business: 'demo', scopes: ['data:read', 'pages:read'], rules: { channel: 'email' } },
      ]),
      API_KEY: KEY,
      AMDAHL_SESSION_SECRET: SESSION_SECRET,
      AMDAHL_LOCAL_QUERY_LOG: QUERY_LOG,
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const query = (key: string) =>
  fetch(`${app.url}/api/platform/v1/data/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql: 'SELECT COUNT(*) AS n FROM interactions' }),
  });

/** Which keys (by name) ran statements on the platform, in order. */
function loggedKeys(): string[] {
  try {
    return readFileSync(QUERY_LOG, 'utf8').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
  } catch {
    return [];
  }
}

async function signIn(context: BrowserContext, secret: string, label = 'API key'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel(label).fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

function pageText(name: string): string {
  return JSON.stringify(
    {
      name,
      tags: ['e2e-author'],
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
      spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: { title: name }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
    },
    null,
    2,
  );
}

function postForm(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/api/session`, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
}

describe('a studio listening beyond loopback', () => {
  it('refuses the built-in dev key and accepts only configured keys', async () => {
    const dev = await query('amdhl_local_dev');
    expect(dev.status).toBe(401);
    expect(((await dev.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await query(KEY)).status).toBe(200);
  });

  it('answers 401 on its own API without a session', async () => {
    const response = await fetch(`${app.url}/api/pages`);
    expect(response.status).toBe(401);
    expect((await fetch(`${app.url}/api/validate`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${app.url}/api/queries/run`, { method: 'POST', body: '{"sql": "SELECT 1"}' })).status).toBe(401);
  });

  it('asks for sign-in, refuses a wrong key, and lets a working key in without the key reaching the page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const offHost = watchOffHostRequests(page);
    await page.goto(`${app.url}/pages/new`);
    await page.waitForURL(/\/sign-in\?next=%2Fpages%2Fnew$/);

    await page.getByLabel('API key').fill('amdhl_wrong_key_000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\?.*error=/);
    expect(await page.locator('.st-banner-error').innerText()).toContain('did not accept');

    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/pages\/new$/);
    await page.locator('.monaco-editor').waitFor();
    expect(await page.content()).not.toContain(KEY);
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toContain(COOKIE);
    const session = cookies.find((c) => c.name === COOKIE)!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(JSON.stringify(cookies)).not.toContain(KEY);

    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('page-list').innerText()).toContain('Channel health');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(app.url);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    expect(offHost).toEqual([]);

    // The signed-out cookie, put back by hand, is refused: sign-out ended the session on the server too.
    const replay = await browser.newContext();
    await replay.addCookies([{ ...session, sameSite: 'Strict' }]);
    const again = await replay.newPage();
    await again.goto(app.url);
    await again.waitForURL(/\/sign-in\?next=%2F$/);
    await replay.close();
    await context.close();
  });

  it('author A works with key A: the preview\'s queries and the save reach the platform as A, and the cookie does not hold the key', async () => {
    // The server's own key may not write pages: whatever saves below is the author's key.
    const serverWrite = await fetch(`${app.url}/api/platform/v1/pages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: pageText('By the server'),
    });
    expect(serverWrite.status).toBe(403);
    const before = loggedKeys().length;

    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await signIn(context, AUTHOR_A);
    const offHost = watchOffHostRequests(page);
    const cookie = (await context.cookies()).find((c) => c.name === COOKIE)!;
    expect(cookie.value).not.toContain(AUTHOR_A);
    for (const part of cookie.value.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(AUTHOR_A);

    const name = `Saved by author A ${Date.now()}`;
    await page.goto(`${app.url}/pages/new`);
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await page.evaluate((t) => navigator.clipboard.writeText(t), pageText(name));
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    // The live preview ran the page's query with A's key.
    await expect.poll(() => loggedKeys().slice(before), { timeout: 30_000 }).toContain('author-a');
    await page.keyboard.press('Control+S');
    await page.waitForURL(/\/pages\/[^/]+\/edit$/, { timeout: 30_000 });
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);

    const stored = await fetch(`${app.url}/api/platform/v1/pages/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${AUTHOR_A}` } });
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { name: string }).name).toBe(name);
    // Only A's key ran statements in A's session: none with the server's key.
    const during = loggedKeys().slice(before);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during)).toEqual(new Set(['author-a']));
    expect(await page.content()).not.toContain(AUTHOR_A);
    expect(offHost).toEqual([]);
    await context.close();
  });

  it('author B works with key B: B\'s slice in the preview, and B\'s missing write scope refuses B\'s save', async () => {
    const before = loggedKeys().length;
    const context = await browser.newContext();
    await signIn(context, AUTHOR_B);
    const preview = await context.request.post(`${app.url}/api/preview`, { data: { text: pageText('B preview') } });
    expect(preview.status()).toBe(200);
    const outcome = ((await preview.json()) as { render: { outcomes: Record<string, { ok: boolean; result: { rows: { channel: string }[] } }> } }).render.outcomes.by_channel!;
    expect(outcome.result.rows.map((r) => r.channel)).toEqual(['email']);
    expect(loggedKeys().slice(before)).toEqual(['author-b']);

    const save = await context.request.post(`${app.url}/api/pages`, { data: { text: pageText('By author B') } });
    expect(save.status()).toBe(403);
    expect(((await save.json()) as { error: { code: string } }).error.code).toBe('permission_denied');
    await context.close();
  });

  it('an expired session cookie sends the author back to sign-in', async () => {
    // Sealed with the server's secret, thirteen hours ago: genuine, and past its twelve hours.
    const past = createSessionSealer({ secret: SESSION_SECRET, lifetimeSeconds: SESSION_SECONDS, now: () => new Date(Date.now() - 13 * 3600 * 1000) });
    const fresh = createSessionSealer({ secret: SESSION_SECRET, lifetimeSeconds: SESSION_SECONDS });
    const cookieAt = (value: string) => ({ name: COOKIE, value, url: app.url, httpOnly: true, sameSite: 'Strict' as const });
    const context = await browser.newContext();
    await context.addCookies([cookieAt((await fresh.seal({ mode: 'key', apiKey: AUTHOR_A })).token)]);
    const page = await context.newPage();
    await page.goto(app.url);
    // The control: the same kind of cookie, not expired, is let in.
    await page.getByTestId('page-list').waitFor();
    await context.clearCookies();
    await context.addCookies([cookieAt((await past.seal({ mode: 'key', apiKey: AUTHOR_A })).token)]);
    await page.goto(app.url);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await context.close();
  });

  // Last: it leaves this address locked out for a minute.
  it('the sixth failed sign-in within a minute gets 429 with Retry-After, even claiming another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postForm({ key: `amdhl_guess_${i}`, next: '/' })).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    const sixth = await postForm({ key: 'amdhl_guess_5', next: '/' });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(50);
    expect(await sixth.text()).toContain('Too many failed sign-ins');
    // Even the right key waits; a client's own claim of another address changes nothing.
    expect((await postForm({ key: AUTHOR_A, next: '/' })).status).toBe(429);
    expect((await postForm({ key: 'amdhl_guess_6', next: '/' }, { 'x-amdahl-client-address': '203.0.113.9' })).status).toBe(429);
  });
});

describe('a studio with STUDIO_PASSWORD', () => {
  const PASSWORD = 'e2e operator password 42';
  let passwordApp: AppServer;

  beforeAll(async () => {
    passwordApp = await startApp({
      env: {
        AMDAHL_LISTEN_HOST: '0.0.0.0',
        AMDAHL_LOCAL_KEYS: JSON.stringify([{ key: KEY, business: 'demo', scopes: ['data:read', 'pages:read'] }]),
        API_KEY: KEY,
        STUDIO_PASSWORD: PASSWORD,
      },
    });
  });

  afterAll(async () => {
    await passwordApp?.stop();
  });

  it('asks for the password, refuses a wrong one or a platform key, and the studio then reads with the server\'s key', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const offHost = watchOffHostRequests(page);
    await page.goto(passwordApp.url);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    expect(await page.getByLabel('API key').count()).toBe(0);

    for (const wrong of ['e2e operator password', KEY]) {
      await page.getByLabel('Password').fill(wrong);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/sign-in\?.*error=/);
      expect(await page.locator('.st-banner-error').innerText()).toContain('Wrong password');
    }

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${passwordApp.url}/`);
    await expect.poll(() => page.getByTestId('page-list').innerText()).toContain('Channel health');
    const cookies = JSON.stringify(await context.cookies());
    expect(cookies).not.toContain(PASSWORD);
    expect(cookies).not.toContain(KEY);
    expect(offHost).toEqual([]);
    await context.close();
  });
});
