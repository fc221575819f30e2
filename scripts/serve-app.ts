/**
 * The app's server: Next.js, with a small cache of rendered embeds in front
 * of it. A viewer's embed request is verified here first (the same checks as
 * proxy.ts); when the same page, slice, params and theme were rendered in the
 * last second, the stored answer goes out with this token's own framing
 * policy, without running the framework. Everything else, and every miss,
 * is Next's (where proxy.ts checks the token again and renders the page).
 *
 * Run by `npm run studio` (scripts/studio.mjs) and by the browser tests:
 *   node --import tsx scripts/serve-app.ts   (HOST, PORT)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import next from 'next';
import { readEmbedRequest, type EmbedRequest } from '../lib/embed/embed-request';
import { embedResponseHeaders } from '../lib/embed/framing';
import { getEmbedHtml, putEmbedHtml, type CachedEmbed } from '../lib/embed/html-cache';
import { embedKeyringFromEnv } from '../lib/embed/keyring-from-env';
import { grantDigest } from '../lib/embed/render-grant';
import { CLIENT_ADDRESS_HEADER } from '../lib/host/sign-in-limiter';
import { FORWARDED_HEADERS, clientAddress, parseTrustedProxies } from '../lib/http/trusted-proxies';

const ROOT = path.resolve(import.meta.dirname, '..');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
/** At most a second, and never longer than query results are kept. */
const EMBED_TTL_MS = Math.min(1000, Number(process.env.AMDAHL_QUERY_CACHE_MS ?? 5000));
/** Headers that belong to one response, not to the page it carries. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'x-middleware-rewrite', 'content-length', 'x-nextjs-cache']);

const app = next({ dev: false, dir: ROOT, hostname: host, port });
const handle = app.getRequestHandler();
const keyring = embedKeyringFromEnv(process.env);
const trustedProxies = parseTrustedProxies(process.env.AMDAHL_TRUSTED_PROXIES);

/** Passes Next's answer through, and keeps a copy of a whole 200 HTML answer. */
function keepCopy(res: ServerResponse, store: (status: number, headers: Record<string, string>, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const take = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    take(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== 'function') take(chunk, rest[0]);
    const result = end(chunk, ...rest);
    const type = String(res.getHeader('content-type') ?? '');
    if (res.statusCode === 200 && type.startsWith('text/html')) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (!PER_RESPONSE.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      store(res.statusCode, headers, Buffer.concat(chunks));
    }
    return result;
  }) as ServerResponse['end'];
}

/**
 * Every embed request has its token verified (an HMAC and one stat of the
 * secret file: microseconds), never a verdict kept from before: a rotated
 * secret, an expiry or a revoked key stops the link on its next request.
 */
function embedRequest(url: URL): Promise<EmbedRequest> {
  return readEmbedRequest(url.pathname, url.searchParams, keyring);
}

/** Misses being rendered now: the viewers who arrive meanwhile wait for that one render (single flight). */
const rendering = new Map<string, Promise<CachedEmbed | undefined>>();

function send(res: ServerResponse, hit: CachedEmbed, csp: string): void {
  res.writeHead(hit.status, { ...hit.headers, ...embedResponseHeaders(csp), 'content-length': String(hit.body.length), 'x-amdahl-embed-cache': 'hit' });
  res.end(hit.body);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
  // Only a trusted hop names the client or the site: from anyone else these headers are dropped before the app sees them.
  if (!trustedProxies.trusts(req.socket.remoteAddress ?? '')) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  if (req.method === 'GET' && req.url?.startsWith('/embed/') && EMBED_TTL_MS > 0) {
    const embed = await embedRequest(new URL(req.url, 'http://app.invalid'));
    if (embed.ok) {
      const encoding = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? 'gzip' : 'identity';
      const key = `${grantDigest(embed.grant)}|${encoding}`;
      const hit = getEmbedHtml(key, EMBED_TTL_MS);
      if (hit) return send(res, hit, embed.csp);
      const pending = rendering.get(key);
      const shared = pending ? await pending : undefined;
      if (shared) return send(res, shared, embed.csp);
      if (!pending) {
        const started = Date.now();
        let settle!: (entry: CachedEmbed | undefined) => void;
        const mine = new Promise<CachedEmbed | undefined>((resolve) => (settle = resolve));
        rendering.set(key, mine);
        const done = (entry: CachedEmbed | undefined) => {
          if (rendering.get(key) === mine) rendering.delete(key);
          settle(entry);
        };
        res.once('close', () => done(undefined));
        keepCopy(res, (status, headers, body) => {
          // Only what came out in the encoding this key names is kept under it.
          if ((headers['content-encoding'] ?? 'identity') !== encoding) return;
          const entry = { pageId: embed.grant.pageId, at: Date.now(), status, headers, body };
          putEmbedHtml(key, entry, started);
          done(entry);
        });
      }
    }
  }
  await handle(req, res);
}

await app.prepare();
createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('internal error');
  });
}).listen(port, host, () => {
  console.log(`Amdahl Pages Studio on http://${host.includes(':') ? `[${host}]` : host}:${port}`);
});
