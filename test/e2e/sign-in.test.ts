/**
 * Beyond loopback the studio is not a laptop tool any more: the built-in dev
 * key stops working, only configured keys reach the local platform, and the
 * studio asks for sign-in. (The server binds 127.0.0.1 here; AMDAHL_LISTEN_HOST
 * tells the app it is exposed, as `HOST=0.0.0.0 npm run studio` would.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';

const KEY = 'amdhl_e2e0123456789abcdef';
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    env: {
      AMDAHL_LISTEN_HOST: '0.0.0.0',
      AMDAHL_LOCAL_KEYS: JSON.stringify([{ key: KEY, business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] }]),
      API_KEY: KEY,
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
    expect(cookies.map((c) => c.name)).toContain('amdahl_studio_session');
    expect(cookies.find((c) => c.name === 'amdahl_studio_session')!.httpOnly).toBe(true);
    expect(JSON.stringify(cookies)).not.toContain(KEY);

    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('page-list').innerText()).toContain('Channel health');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(app.url);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    expect(offHost).toEqual([]);
    await context.close();
  });
});
