/**
 * The app pointed at a platform it does not hold the secrets of (AMDAHL_URL
 * set; here the local platform served on its own port plays that platform):
 * the app mints and verifies its own links with AMDAHL_EMBED_SECRET, and a
 * rotation stops old links at the moment the operator set.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';
import { startApp, type AppServer } from './app-server';

const OLD_SECRET = 'old-embed-secret-'.padEnd(48, 'o');
const NEW_SECRET = 'new-embed-secret-'.padEnd(48, 'n');
const NAME = 'Remote embed target';

let platform: ServedLocalPlatform;
let pageId: string;

async function withApp<T>(env: Record<string, string>, run: (app: AppServer) => Promise<T>): Promise<T> {
  const app = await startApp({ env: { AMDAHL_URL: platform.url, API_KEY: 'amdhl_local_dev', ...env } });
  try {
    return await run(app);
  } finally {
    await app.stop();
  }
}

async function mintThroughApp(app: AppServer, body: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/api/pages/${pageId}/embed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  platform = await serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir: mkdtempSync(path.join(os.tmpdir(), 'amdahl-remote-')),
    initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar'),
  });
  const res = await fetch(`${platform.baseUrl}/pages`, {
    method: 'POST',
    headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: NAME,
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
      spec: { version: 1, root: { type: 'Section', props: { title: NAME }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
    }),
  });
  pageId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  await platform?.close();
});

describe('embedding against a platform whose secret the app does not hold', () => {
  it('the app mints its own links, renders them with the slice enforced by the platform, and rotation stops old links on schedule', async () => {
    const oldLinks = await withApp({ AMDAHL_EMBED_SECRET: OLD_SECRET }, async (app) => {
      const all = await mintThroughApp(app, { audience: 'self' });
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      const page = await (await fetch(all.body.embed_url)).text();
      expect(page).toContain(NAME);
      for (const channel of ['chat', 'email', 'phone']) expect(page).toMatch(new RegExp(`>${channel}<`));
      const email = await mintThroughApp(app, { audience: 'self', rules: { channel: 'email' } });
      expect(email.status).toBe(200);
      const sliced = await (await fetch(email.body.embed_url)).text();
      expect(sliced).toMatch(/>email</);
      expect(sliced).not.toMatch(/>phone<|>chat</);
      expect((await mintThroughApp(app, { audience: 'self', rules: { amount: '5' } })).status).toBe(400);
      return { all: all.body.embed_url as string, email: email.body.embed_url as string, origin: app.url };
    });
    const onPort = (url: string, origin: string) => url.replace(new URL(url).origin, origin);

    // Rotated with a grace period still running: old links keep working.
    await withApp({ AMDAHL_EMBED_SECRET: NEW_SECRET, AMDAHL_EMBED_SECRET_PREVIOUS: OLD_SECRET, AMDAHL_EMBED_PREVIOUS_UNTIL: new Date(Date.now() + 3_600_000).toISOString() }, async (app) => {
      expect((await fetch(onPort(oldLinks.all, app.url))).status).toBe(200);
      const fresh = await mintThroughApp(app, { audience: 'self' });
      expect((await fetch(fresh.body.embed_url)).status).toBe(200);
    });
    // The grace period over: old links stop, with the neutral page.
    await withApp({ AMDAHL_EMBED_SECRET: NEW_SECRET, AMDAHL_EMBED_SECRET_PREVIOUS: OLD_SECRET, AMDAHL_EMBED_PREVIOUS_UNTIL: new Date(Date.now() - 1000).toISOString() }, async (app) => {
      const res = await fetch(onPort(oldLinks.email, app.url));
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(text).toContain('This embed is not available');
      expect(text).not.toContain(NAME);
    });
  });

  it('without AMDAHL_EMBED_SECRET the studio says how to enable embedding', async () => {
    await withApp({}, async (app) => {
      const res = await mintThroughApp(app, { audience: 'self' });
      expect(res.status).toBe(501);
      expect(res.body.error.message).toMatch(/AMDAHL_EMBED_SECRET/);
    });
  });
});
