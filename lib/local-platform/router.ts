/**
 * Route matching for the local platform: each resource module (routes/*.ts)
 * returns its Route[], and the router finds the handler for a method and the
 * path after /api/platform/v1, answering 404 for an unknown path and 405 (with
 * the allowed methods) for a known path with another method.
 */
import type { Caller } from './auth';
import type { Business } from './businesses';
import { ApiError } from './errors';
import { json } from './http';
import type { ResolvedOptions } from './options';
import type { Page } from './pages-store';
import type { WebhookEvent } from './webhooks';

export type Handler = (ctx: RequestContext) => Promise<Response>;

export interface RequestContext {
  req: Request;
  url: URL;
  caller: Caller;
  /** The pattern's capture groups, percent-decoded. */
  params: string[];
}

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** What every resource module is given to build its routes. */
export interface RoutesContext {
  config: ResolvedOptions;
  /** The caller's business: its database, pages and webhooks (opened lazily). */
  business(name: string): Business;
  /** Queues a webhook event about a page; never waits for a receiver. */
  emit(b: Business, type: WebhookEvent, page: Page): void;
}

/**
 * The first route whose pattern and method match wins, so a literal path
 * (`/pages/templates`) must come before a parameter that would take it
 * (`/pages/{id}`).
 */
export function createRouter(routes: readonly Route[]): (method: string, subpath: string) => { handler: Handler; params: string[] } {
  return (method, subpath) => {
    let pathMatched = false;
    for (const r of routes) {
      const m = r.pattern.exec(subpath);
      if (!m) continue;
      pathMatched = true;
      if (r.method === method) {
        let params: string[];
        try {
          params = m.slice(1).map((p) => decodeURIComponent(p));
        } catch {
          throw new ApiError('invalid_argument', 'the path is not valid percent-encoding');
        }
        return { handler: r.handler, params };
      }
    }
    if (pathMatched) {
      const allowed = [...new Set(routes.filter((r) => r.pattern.test(subpath)).map((r) => r.method))];
      throw new ApiError('unimplemented', `${method} is not allowed here; use ${allowed.join(', ')}`, { allow: allowed }, 405);
    }
    throw new ApiError('not_found', `no such endpoint: ${subpath || '/'}`);
  };
}

/** `?limit=` as an integer from 1 to 100, or `fallback` when absent. */
export function limitOf(url: URL, fallback: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw new ApiError('invalid_argument', `limit must be an integer from 1 to 100, got ${raw}`);
  return n;
}

/** A page with its version as the ETag (PATCH takes it back as If-Match). */
export function pageResponse(status: number, page: Page, headers: Record<string, string> = {}): Response {
  return json(status, page, { etag: `"${page.version}"`, ...headers });
}
