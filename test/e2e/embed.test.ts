/**
 * Embedding end to end, against a production build on the embedded platform:
 * every way a link can be wrong shows one neutral page (4xx, no page name, no
 * row); a token's slice holds inside the database; real Chromium frames the
 * embed from another local origin (sized by embed.js) and refuses it where the
 * token does not allow that origin; an edit reaches the embed through the
 * webhook within seconds; no secret reaches a browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateLocalEmbedSecret } from '../../lib/embed/keys';
import { startApp, ROOT, type AppServer } from './app-server';
import { launchBrowser, watchOffHostRequests } from './browser';
import { createPage, forgeWithRealSecret, localEmbedSecretHex, mint, platform, startHostSite } from './embed-fixtures';

const API_KEY = 'amdhl_' + '7e'.repeat(16);
const EMBED_SECRET = 'embed-secret-for-this-test-' + 'x9'.repeat(12);
const NAME = 'Zebra Embed Target';
const CHANNELS = ['chat', 'email', 'phone', 'sms', 'social', 'web'];

let app: AppServer;
let browser: Browser;
let target: { id: string; version: number };
/** Every count the unsliced page shows, as raw and as formatted text: none may appear in a refusal. */
let rowValues: string[] = [];
const bodiesSeen: string[] = [];

const page = {
  name: NAME,
  tags: ['embed-test'],
  declared_queries: [
    { name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' },
    { name: 'sub_channels', source: 'sql', sql: 'SELECT COUNT(DISTINCT channel) AS n FROM (SELECT * FROM interactions) q' },
    { name: 'cte_others', source: 'sql', sql: "WITH all_rows AS (SELECT * FROM interactions) SELECT COUNT(*) AS n FROM all_rows WHERE channel <> 'email'" },
    { name: 'union_others', source: 'sql', sql: "SELECT COUNT(*) AS n FROM (SELECT id FROM interactions WHERE channel = 'phone' UNION SELECT id FROM interactions WHERE channel = 'chat') u" },
    { name: 'long_calls', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions WHERE duration_s > @min', params: { min: 'integer' } },
  ],
  spec: {
    version: 1,
    layout: 'dashboard',
    root: {
      type: 'Section',
      props: { title: NAME },
      children: [
        { type: 'Heading', props: { text: 'Revision one', level: 3 } },
        { type: 'Stat', props: { label: 'Channels seen', value: { $value: { query: 'sub_channels', field: 'n' } } } },
        { type: 'Stat', props: { label: 'Other rows via CTE', value: { $value: { query: 'cte_others', field: 'n' } } } },
        { type: 'Stat', props: { label: 'Other rows via UNION', value: { $value: { query: 'union_others', field: 'n' } } } },
        { type: 'Stat', props: { label: 'Long calls', value: { $value: { query: 'long_calls', field: 'n' } } } },
        { type: 'Table', props: { data: { $query: 'by_channel' } } },
      ],
    },
  },
};

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' });
  const text = await res.text();
  bodiesSeen.push(text);
  return { status: res.status, text, headers: res.headers };
}

async function expectRefused(url: string, why: string): Promise<void> {
  const res = await get(url);
  expect(res.status, `${why}: status`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${why}: status`).toBeLessThan(500);
  expect(res.text, `${why}: neutral page`).toContain('This embed is not available');
  expect(res.text, `${why}: page name`).not.toContain(NAME);
  for (const value of rowValues) expect(res.text, `${why}: row value ${value}`).not.toContain(value);
  for (const channel of CHANNELS) expect(res.text, `${why}: channel ${channel}`).not.toMatch(new RegExp(`\\b${channel}\\b`));
}

beforeAll(async () => {
  app = await startApp({
    env: {
      API_KEY,
      AMDAHL_LOCAL_KEYS: JSON.stringify([{ key: API_KEY, business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write', 'pages:admin'], name: 'app' }]),
      AMDAHL_EMBED_SECRET: EMBED_SECRET,
      // A minute: only the webhook can make an edit show within seconds.
      AMDAHL_QUERY_CACHE_MS: '60000',
    },
  });
  browser = await launchBrowser();
  target = await createPage(app.url, page);
  const rows = await platform(app.url, 'POST', '/data/query', { sql: page.declared_queries[0]!.sql });
  rowValues = rows.body.rows.flatMap((r: { events: number }) => [String(r.events), r.events.toLocaleString('en-US')]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the embed route', () => {
  it('renders a valid link through the view route path, framable only by the token origins', async () => {
    const { url } = await mint(app.url, target.id, { audience: 'self', origins: ['https://wiki.example'], params: { min: 600 } });
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors https://wiki.example; frame-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.text).toContain(NAME);
    expect(res.text).toContain('Revision one');
    const noOrigins = await get((await mint(app.url, target.id, { audience: 'self' })).url);
    expect(noOrigins.headers.get('content-security-policy')).toBe("frame-ancestors 'none'; frame-src 'self'");
    const pub = await get((await mint(app.url, target.id, { audience: 'public' })).url);
    expect(pub.headers.get('content-security-policy')).toBe("frame-ancestors *; frame-src 'self'");
  });

  it('fails closed: each wrong link answers 4xx with the neutral page, no name, no row', async () => {
    const other = await createPage(app.url, { ...page, name: 'Another page' });
    const { token } = await mint(app.url, target.id, { audience: 'self', params: { min: 600 } });
    const base = `${app.url}/embed/${target.id}`;
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const resigned = (c: object) => `${h}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.${s}`;

    await expectRefused(base, 'missing token');
    await expectRefused(`${base}?token=`, 'empty token');
    await expectRefused(`${base}?token=not.a.jwt`, 'malformed token');
    await expectRefused(`${base}?token=${resigned({ ...claims, exp: claims.exp + 86_400 })}`, 'tampered token (lifetime extended)');
    await expectRefused(`${base}?token=${resigned({ ...claims, rules: undefined, sub: other.id })}`, 'tampered token (another page)');
    await expectRefused(`${base}?token=${h}.${p}.${s.slice(0, -4)}AAAA`, 'tampered signature');
    const expired = await forgeWithRealSecret(app.dir, { pageId: target.id, now: new Date(Date.now() - 7_200_000), ttlSeconds: 60 });
    await expectRefused(`${base}?token=${expired}`, 'expired token');
    const unscoped = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: [] })).toString('base64url')}.${s}`;
    await expectRefused(`${base}?token=${unscoped}`, 'token without scope');
    await expectRefused(`${app.url}/embed/${other.id}?token=${token}`, 'token for another page');
    const otherBusiness = await forgeWithRealSecret(app.dir, { pageId: target.id, business: 'other' });
    await expectRefused(`${base}?token=${otherBusiness}`, 'token naming another business');
    await expectRefused(`${base}?token=${token}&min=lots`, 'param outside its declared type');
    await expectRefused(`${base}?token=${token}&min=5`, 'param overriding its pinned value');
    await expectRefused(`${base}?token=${token}&region=eu`, 'param the page does not declare');
    const pinned = await mint(app.url, target.id, { audience: 'self', page_version: target.version, params: { min: 600 } });
    expect((await get(pinned.url)).status).toBe(200);

    // No response names an internal path: the page is served where it was asked for, not rewritten.
    const ok = await fetch(`${base}?token=${token}`);
    const okText = await ok.text();
    expect(ok.status).toBe(200);
    for (const [name, value] of ok.headers) {
      expect(name, 'internal header').not.toMatch(/^x-middleware-|^x-amdahl-embed-(pass|grant)$/);
      expect(value, name).not.toContain('embed-render');
    }
    expect(okText).not.toContain('embed-render');
    expect(okText).not.toMatch(/x-amdahl-embed-(pass|grant)/);
    // A grant named from outside is no grant.
    const forged = await fetch(`${base}?token=not.a.jwt`, { headers: { 'x-amdahl-embed-grant': 'anything', 'x-amdahl-embed-pass': 'anything' } });
    expect(forged.status).toBe(403);

    // An archived page stops rendering on the first request after the archive, however recently it was shown.
    const doomed = await createPage(app.url, { ...page, name: 'Doomed page' });
    const doomedLink = await mint(app.url, doomed.id, { audience: 'self', params: { min: 600 } });
    expect((await get(doomedLink.url)).status).toBe(200);
    expect((await get(doomedLink.url)).status).toBe(200);
    expect((await platform(app.url, 'DELETE', `/pages/${doomed.id}`)).status).toBe(200);
    await expectRefused(doomedLink.url, 'archived page, the first request after the archive');

    // A page edited past a pinned version: the pinned link stops.
    const bumped = await platform(app.url, 'PATCH', `/pages/${target.id}`, { tags: ['embed-test', 'bumped'] });
    expect(bumped.status).toBe(200);
    target.version = bumped.body.version;
    const movedAt = Date.now();
    while ((await fetch(pinned.url)).status === 200 && Date.now() - movedAt < 5000) await new Promise((r) => setTimeout(r, 200));
    await expectRefused(pinned.url, 'pinned version moved on');

    // Rotating the business secret revokes every link it signed on its next request, however recently it was shown.
    expect((await get(`${base}?token=${token}`)).status).toBe(200);
    await rotateLocalEmbedSecret(app.dir, 'demo');
    await expectRefused(`${base}?token=${token}`, 'revoked by rotation, the first request after it');
  });
});

describe('the data slice', () => {
  it('a token for one channel shows only its rows, whatever the SQL does to reach others', async () => {
    const { url } = await mint(app.url, target.id, { audience: 'self', rules: { channel: 'email' }, params: { min: 600 } });
    const tab = await browser.newPage();
    await tab.goto(url, { waitUntil: 'networkidle' });
    const text = await tab.locator('.ap-embed').innerText();
    await tab.close();
    const stat = (label: string) => new RegExp(`${label}\\s*\\n\\s*([\\d,]+)`).exec(text)?.[1];
    expect(stat('Channels seen')).toBe('1');
    expect(stat('Other rows via CTE')).toBe('0');
    expect(stat('Other rows via UNION')).toBe('0');
    expect(text).toMatch(/\bemail\b/);
    for (const channel of CHANNELS.filter((c) => c !== 'email')) expect(text).not.toMatch(new RegExp(`\\b${channel}\\b`));
    const email = await platform(app.url, 'POST', '/data/query', { sql: "SELECT COUNT(*) AS n FROM interactions WHERE channel = 'email'" });
    expect(text.replace(/,/g, '')).toContain(String(email.body.rows[0].n));
  });
});

describe('framing in a real browser', () => {
  it('another origin frames the embed it is allowed, sized by embed.js; a token without it is refused by the browser; a tampered one shows the neutral page', async () => {
    const site = await startHostSite(app.url);
    try {
      const allowed = await mint(app.url, target.id, { audience: 'self', origins: [site.origin], params: { min: 600 } });
      const tab = await browser.newPage();
      const offHost = watchOffHostRequests(tab);
      await tab.goto(site.pageFor(allowed.url), { waitUntil: 'networkidle' });
      const frame = tab.frame({ url: /\/embed\// })!;
      await frame.locator('.ap-embed').getByText('Revision one').waitFor();
      // embed.js sets the iframe to the embed's own height (it starts at 150).
      await tab.waitForFunction(() => (document.getElementById('embed') as HTMLIFrameElement).style.height !== '', null, { timeout: 10_000 });
      const frameHeight = await frame.evaluate(() => Math.ceil(document.querySelector('.ap-embed')!.getBoundingClientRect().height));
      const iframeHeight = await tab.evaluate(() => (document.getElementById('embed') as HTMLIFrameElement).getBoundingClientRect().height);
      expect(frameHeight).toBeGreaterThan(300);
      expect(Math.abs(iframeHeight - frameHeight)).toBeLessThanOrEqual(2);
      expect(offHost).toEqual([]);
      await tab.screenshot({ path: path.join(ROOT, 'test', '.tmp', 'embed-framed.png'), fullPage: true });
      await tab.close();

      const elsewhere = await mint(app.url, target.id, { audience: 'self', origins: ['https://elsewhere.example'], params: { min: 600 } });
      const refusedTab = await browser.newPage();
      const consoleLines: string[] = [];
      refusedTab.on('console', (m) => consoleLines.push(m.text()));
      await refusedTab.goto(site.pageFor(elsewhere.url), { waitUntil: 'networkidle' });
      await refusedTab.waitForTimeout(500);
      const refusedFrame = refusedTab.frames().find((f) => f !== refusedTab.mainFrame())!;
      expect(await refusedFrame.locator('.ap-embed').count()).toBe(0);
      expect(consoleLines.join('\n')).toMatch(/frame-ancestors/);
      await refusedTab.close();

      const [h, p] = allowed.token.split('.');
      const tamperedTab = await browser.newPage();
      await tamperedTab.goto(site.pageFor(`${app.url}/embed/${target.id}?token=${h}.${p}.forged`), { waitUntil: 'networkidle' });
      const tamperedFrame = tamperedTab.frames().find((f) => f !== tamperedTab.mainFrame())!;
      await tamperedFrame.getByText('This embed is not available').waitFor();
      expect(await tamperedFrame.content()).not.toContain(NAME);
      await tamperedTab.close();
    } finally {
      await site.close();
    }
  });

  it('the theme follows ?theme=: dark has a dark background', async () => {
    const { url } = await mint(app.url, target.id, { audience: 'self', params: { min: 600 } });
    const tab = await browser.newPage();
    const luminance = async (u: string) => {
      await tab.goto(u, { waitUntil: 'networkidle' });
      return tab.evaluate(() => {
        const [r, g, b] = getComputedStyle(document.querySelector('.ap-embed')!).backgroundColor.match(/\d+/g)!.map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      });
    };
    expect(await luminance(`${url}&theme=dark`)).toBeLessThan(0.2);
    await tab.screenshot({ path: path.join(ROOT, 'test', '.tmp', 'embed-dark.png'), fullPage: true });
    expect(await luminance(`${url}&theme=light`)).toBeGreaterThan(0.8);
    await tab.close();
  });
});

describe('freshness', () => {
  async function waitForText(url: string, text: string, limitMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const body = await (await fetch(url)).text();
      if (body.includes(text)) return Date.now() - started;
      if (Date.now() - started > limitMs) throw new Error(`"${text}" did not appear within ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('an edit saved in the studio, and one made by another client of the platform, show in the embed within 5 s', async () => {
    const fresh = await createPage(app.url, page);
    const { url } = await mint(app.url, fresh.id, { audience: 'self', params: { min: 600 } });
    expect((await get(url)).text).toContain('Revision one');
    const stored = (await platform(app.url, 'GET', `/pages/${fresh.id}`)).body;
    const edited = JSON.parse(JSON.stringify(stored));
    edited.spec.root.children[0].props.text = 'Revision two';
    const save = await fetch(`${app.url}/api/pages/${fresh.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: JSON.stringify({ name: edited.name, tags: edited.tags, declared_queries: edited.declared_queries, spec: edited.spec }), expectedVersion: stored.version }),
    });
    expect(save.status).toBe(200);
    const studioMs = await waitForText(url, 'Revision two', 5000);
    // Another client (the CLI's push, another studio): only the webhook tells this app.
    edited.spec.root.children[0].props.text = 'Revision three';
    expect((await platform(app.url, 'PATCH', `/pages/${fresh.id}`, { spec: edited.spec })).status).toBe(200);
    const webhookMs = await waitForText(url, 'Revision three', 5000);
    console.log(`edit visible in the embed: ${studioMs} ms after a studio save, ${webhookMs} ms after a direct platform update`);
  });

  it('the webhook receiver takes only signed, recent, new deliveries', async () => {
    const post = (body: string, signature?: string) =>
      fetch(`${app.url}/api/webhooks/amdahl`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-webhook-signature': signature } : {}) }, body });
    const event = JSON.stringify({ id: 'evt_test', type: 'page.updated', created_at: new Date().toISOString(), data: { page_id: target.id, version: 9 } });
    expect((await post(event)).status).toBe(401);
    expect((await post(event, 'ab'.repeat(32))).status).toBe(401);
    expect((await post(event, 'zz')).status).toBe(401);
  });
});

describe('secrets', () => {
  it('the API key and the embed secrets appear in no response body and no file of the client build', async () => {
    const tab = await browser.newPage();
    const bodies: Promise<string>[] = [];
    tab.on('response', (r) => bodies.push(r.body().then((b) => b.toString('utf8')).catch(() => '')));
    for (const p of ['/', `/pages/${target.id}`, `/pages/${target.id}/edit`, '/pages/new']) await tab.goto(`${app.url}${p}`, { waitUntil: 'networkidle' });
    await tab.goto((await mint(app.url, target.id, { audience: 'self', params: { min: 600 } })).url, { waitUntil: 'networkidle' });
    await tab.close();
    const hooks = JSON.parse(readFileSync(path.join(app.dir, 'businesses', 'demo', 'webhooks.json'), 'utf8')) as { webhooks: { secret: string }[] };
    expect(hooks.webhooks.length).toBeGreaterThan(0);
    const secrets: Record<string, string> = { API_KEY, EMBED_SECRET, localEmbedSecret: localEmbedSecretHex(app.dir) };
    hooks.webhooks.forEach((h, i) => (secrets[`webhookSecret${i}`] = h.secret));
    const seen = [...bodiesSeen, ...(await Promise.all(bodies))];
    expect(seen.length).toBeGreaterThan(20);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(path.join(ROOT, '.next', 'static'));
    walk(path.join(ROOT, 'public'));
    expect(files.length).toBeGreaterThan(10);
    for (const [name, secret] of Object.entries(secrets)) {
      for (const body of seen) expect(body.includes(secret), `${name} in a response`).toBe(false);
      for (const file of files) expect(readFileSync(file, 'latin1').includes(secret), `${name} in ${file}`).toBe(false);
    }
  });
});

