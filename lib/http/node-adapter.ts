/**
 * node:http <-> web Request/Response, so a `(Request) => Promise<Response>`
 * handler can serve on a plain Node server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';

export type WebHandler = (req: Request) => Promise<Response>;

export interface ToWebRequestOptions {
  /** Origin used for the request URL when the Host header is missing. Default http://localhost. */
  fallbackOrigin?: string;
  /** Aborted when the client goes away before the response is finished. */
  signal?: AbortSignal;
}

/** A web Request for a Node request; the body streams (nothing is buffered here). */
export function toWebRequest(req: IncomingMessage, options: ToWebRequestOptions = {}): Request {
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const host = req.headers.host;
  const origin = host ? `${encrypted ? 'https' : 'http'}://${host}` : (options.fallbackOrigin ?? 'http://localhost');
  let url: URL;
  try {
    url = new URL(req.url ?? '/', origin);
  } catch {
    url = new URL(req.url ?? '/', options.fallbackOrigin ?? 'http://localhost');
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers are not headers to a web Request.
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, req.rawHeaders[i + 1]!);
    } catch {
      // a header value a web Headers object refuses: drop it rather than the request
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: options.signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/** Writes a web Response to a Node response, streaming its body. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || res.req?.method === 'HEAD') {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as unknown as NodeWebReadableStream<Uint8Array>);
  await new Promise<void>((resolve) => {
    body.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      body.destroy();
      resolve();
    });
    res.on('finish', () => resolve());
    body.pipe(res);
  });
}

/** A node:http request listener serving a web handler. A handler that throws answers 500 without detail. */
export function toNodeListener(handler: WebHandler, options: Omit<ToWebRequestOptions, 'signal'> = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    void (async () => {
      let response: Response;
      try {
        response = await handler(toWebRequest(req, { ...options, signal: controller.signal }));
      } catch {
        response = new Response(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }), {
          status: 500,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
      try {
        await sendWebResponse(res, response);
      } catch {
        res.destroy();
      }
    })();
  };
}
