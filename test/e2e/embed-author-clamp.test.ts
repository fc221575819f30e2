/**
 * Against a real platform (the local platform served on its own port plays
 * one), an author who signs in with a key that sees only email mints an embed
 * that asks for no slice: the link is clamped at mint time to the author's
 * own slice, so a viewer (another browser, no session) sees email only,
 * though the app displays it with the server's key, which sees every channel.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';
import { startApp, type AppServer } from './app-server';
import { launchBrowser } from './browser';

const SERVER = 'amdhl_' + 'c1'.repeat(16);
const AUTHOR = 'amdhl_' + 'e2'.repeat(16);
const NAME = 'Clamped embed target';
const CHANNELS = ['chat', 'email', 'phone', 'sms', 'social', 'web'];

let platform: ServedLocalPlatform;
let app: AppServer;
let browser: Browser;
let pageId: string;

beforeAll(async () => {
  platform = await serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir: mkdtempSync(path.join(os.tmpdir(), 'amdahl-clamp-')),
    initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar'),
    allowDevKey: false,
    keys: [
      { key: SERVER, name: 'server', business: 'demo', scopes: ['data:read', 'pages:read'] },
      { key: AUTHOR, name: 'author', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'], rules: { channel: ['email'] } },
    ],
  });
  const res = await fetch(`${platform.baseUrl}/pages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AUTHOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: NAME,
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
      spec: { version: 1, root: { type: 'Section', props: { title: NAME }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
    }),
  });
  pageId = ((await res.json()) as { id: string }).id;
  app = await startApp({
    env: {
      AMDAHL_URL: platform.url,
      API_KEY: SERVER,
      AMDAHL_EMBED_SECRET: 'clamp-embed-secret-'.padEnd(48, 'k'),
      AMDAHL_LISTEN_HOST: '0.0.0.0',
      AMDAHL_SESSION_SECRET: 'clamp-session-secret-'.padEnd(48, 's'),
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await platform?.close();
});

describe('an embed minted by a signed-in author', () => {
  it('shows only the channel the author’s key sees, even though the link asked for no slice', async () => {
    const authorContext = await browser.newContext();
    let embedUrl: string;
    try {
      const page = await authorContext.newPage();
      await page.goto(`${app.url}/sign-in`);
      await page.getByLabel('API key').fill(AUTHOR);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      const minted = await page.evaluate(async (id) => {
        const res = await fetch(`/api/pages/${id}/embed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ audience: 'self' }) });
        return { status: res.status, body: (await res.json()) as { embed_url?: string } };
      }, pageId);
      expect(minted.status, JSON.stringify(minted.body)).toBe(200);
      embedUrl = minted.body.embed_url!;
    } finally {
      await authorContext.close();
    }

    // The server's key sees every channel: what it shows of this link is the author's slice, recorded in the link.
    const serverSees = await fetch(`${platform.baseUrl}/data/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SERVER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT DISTINCT channel FROM interactions' }),
    });
    expect(((await serverSees.json()) as { rows: unknown[] }).rows.length).toBe(CHANNELS.length);

    const viewer = await browser.newContext();
    try {
      const tab = await viewer.newPage();
      const response = await tab.goto(embedUrl, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      const text = await tab.locator('.ap-embed').innerText();
      expect(text).toContain(NAME);
      const shown = CHANNELS.filter((c) => new RegExp(`\\b${c}\\b`).test(text));
      expect(shown).toEqual(['email']);
    } finally {
      await viewer.close();
    }
  });
});
