/**
 * A scripted HTTP server on 127.0.0.1 for the platform client's tests: each
 * route answers its n-th request with the n-th behaviour (the last one
 * repeats), and every request is recorded. Behaviours cover the faults the
 * client must survive: 429 with each wait form, 5xx, resets, slow bodies,
 * malformed JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const API_PREFIX = '/api/platform/v1';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface HitContext {
  body: string;
  /** 0-based index of this request on its route. */
  hit: number;
  query: URLSearchParams;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, ctx: HitContext) => void | Promise<void>;

export interface FaultServer {
  /** e.g. http://127.0.0.1:12345/api/platform/v1 */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  route(method: string, path: string, ...behaviours: Behaviour[]): void;
  hits(method: string, path: string): number;
  /** Requests in flight right now, and the most seen at once. */
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const routes = new Map<string, Behaviour[]>();
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const inFlight = { now: 0, max: 0 };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      const key = `${req.method} ${path}`;
      requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body, at: Date.now() });
      const hit = counts.get(key) ?? 0;
      counts.set(key, hit + 1);
      const behaviours = routes.get(key);
      if (!behaviours || behaviours.length === 0) {
        json(404, { error: { code: 'not_found', message: `no route ${key}` } })(req, res, { body, hit, query: url.searchParams });
        return;
      }
      const behaviour = behaviours[Math.min(hit, behaviours.length - 1)]!;
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        inFlight.now--;
      };
      res.on('close', finish);
      Promise.resolve(behaviour(req, res, { body, hit, query: url.searchParams })).catch(() => {
        req.socket.destroy();
      });
    });
  });
  // Keep the test output clean when a client drops a connection mid-body.
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    origin,
    requests,
    inFlight,
    route(method, path, ...behaviours) {
      routes.set(`${method} ${path}`, behaviours);
      counts.set(`${method} ${path}`, 0);
    },
    hits(method, path) {
      return counts.get(`${method} ${path}`) ?? 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ─── Behaviours ──────────────────────────────────────────────────────────────

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

export function raw(status: number, text: string, headers: Record<string, string> = {}): Behaviour {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(text);
  };
}

/** Drop the connection without answering (ECONNRESET / "other side closed" for the client). */
export function reset(): Behaviour {
  return (req) => {
    req.socket.destroy();
  };
}

/** Send the headers and part of the body, then stall for `stallMs` before finishing. */
export function slowBody(status: number, body: unknown, stallMs: number): Behaviour {
  return (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.write(text.slice(0, 5));
    const timer = setTimeout(() => {
      if (!res.destroyed) res.end(text.slice(5));
    }, stallMs);
    res.on('close', () => clearTimeout(timer));
  };
}

/** Wait before sending anything. */
export function delayed(ms: number, then: Behaviour): Behaviour {
  return (req, res, ctx) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!res.destroyed) void Promise.resolve(then(req, res, ctx)).finally(resolve);
        else resolve();
      }, ms);
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

export function noContent(): Behaviour {
  return (_req, res) => {
    res.writeHead(204);
    res.end();
  };
}
