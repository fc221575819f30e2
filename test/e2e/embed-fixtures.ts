/** Pages, tokens and a host site for the embed tests: everything on this machine. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { localKeyring } from '../../lib/embed/keys';
import { LOCAL_ISSUER, signEmbedToken, type SignInput } from '../../lib/embed/tokens';

export const DEV_KEY = 'amdhl_local_dev';

export async function platform(appUrl: string, method: string, p: string, body?: unknown, key = DEV_KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(`${appUrl}/api/platform/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function createPage(appUrl: string, page: object): Promise<{ id: string; version: number; name: string }> {
  const res = await platform(appUrl, 'POST', '/pages', page);
  if (res.status !== 201) throw new Error(`create page: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function mint(appUrl: string, pageId: string, body: object = { audience: 'self' }): Promise<{ token: string; url: string }> {
  const res = await platform(appUrl, 'POST', `/pages/${pageId}/embed-token`, body);
  if (res.status !== 200) throw new Error(`mint: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, url: `${appUrl}/embed/${encodeURIComponent(pageId)}?token=${encodeURIComponent(res.body.token)}` };
}

/** A token signed with the business's real secret but with claims of our choosing (an expired one, say). */
export async function forgeWithRealSecret(dataDir: string, input: Partial<SignInput> & { pageId: string }): Promise<string> {
  const key = (await localKeyring(dataDir, 'demo').signing())!;
  const { token } = await signEmbedToken(
    { issuer: LOCAL_ISSUER, pageVersion: 'latest', audience: 'self', origins: [], params: {}, business: 'demo', mintedBy: 'dev', ttlSeconds: 600, ...input },
    key,
  );
  return token;
}

export function localEmbedSecretHex(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'businesses', 'demo', 'embed-secret'), 'utf8').trim();
}

/** A site on another loopback port that frames embeds: GET /?src=<embed url> answers a page with the iframe and embed.js. */
export async function startHostSite(appUrl: string): Promise<{ origin: string; pageFor(src: string): string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const src = url.searchParams.get('src') ?? '';
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Host site</title></head><body style="margin:0">
<h1>A wiki page</h1>
<iframe id="embed" src="${esc(src)}" title="Embedded page" data-amdahl-embed style="width:760px;border:0" height="150"></iframe>
<p id="after">After the embed.</p>
<script src="${esc(appUrl)}/embed.js" async></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageFor: (src) => `${origin}/?src=${encodeURIComponent(src)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
