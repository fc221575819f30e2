/**
 * The embedded local platform: the Amdahl Platform API contract
 * (/work/shared/amdahl-api/CONTRACT.md) on PGlite, as one web-standard
 * handler. Mount it anywhere whose path ends in /api/platform/v1.
 *
 * Isolation is by construction: each business has its own PGlite database in
 * its own directory and worker thread, holding only its own rows. User SQL is
 * checked first (lib/spec/sql-check), then runs READ ONLY as a role that may
 * only SELECT from interactions, through a cursor that stops at the row cap,
 * under a deadline enforced by terminating the worker.
 *
 * This file composes the parts: the business registry (businesses.ts), one
 * module of routes per resource (routes/*.ts: data, templates, pages, embed
 * tokens, webhooks, search) matched by router.ts, and
 * handle(): auth, rate limit, version header and error mapping.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadSqlParser } from '../spec/sql-check';
import { KeyRing, type Caller } from './auth';
import type { StartInfo } from './business-db';
import { Businesses } from './businesses';
import { DirLock } from './dir-lock';
import { verifyEmbedToken as verifyToken, type EmbedClaims } from './embed-tokens';
import { ApiError } from './errors';
import { errorBody, json } from './http';
import { API_VERSIONS, resolveOptions, type LocalPlatformOptions, type ResolvedOptions } from './options';
import { RateLimiter, type RateLimitState } from './rate-limit';
import { createRouter, type RoutesContext } from './router';
import { dataRoutes } from './routes/data';
import { embedTokenRoutes } from './routes/embed-tokens';
import { pageRoutes } from './routes/pages';
import { searchRoutes } from './routes/search';
import { templateRoutes } from './routes/templates';
import { webhookRoutes } from './routes/webhooks';
import { WebhookDeliverer, type WebhookEvent } from './webhooks';

export { ApiError } from './errors';
export type { ErrorCode } from './errors';
export {
  API_VERSIONS,
  DEV_BUSINESS,
  DEV_KEY,
  SCOPES,
  localPlatformOptionsFromEnv,
  type ApiKeyConfig,
  type LocalPlatformOptions,
  type PageValidator,
  type Scope,
  type SqlChecker,
  type Template,
  type ValidatePageResult,
  type WebhookRetryOptions,
} from './options';
export { verifyEmbedToken, rotateEmbedSecret, EMBED_SCOPE, type EmbedClaims, type EmbedAudience, type VerifyEmbedTokenOptions } from './embed-tokens';
export { signWebhookBody, WEBHOOK_EVENTS, type Webhook, type WebhookEvent, type DeliveryEvent } from './webhooks';
export type { Page, PageStatus } from './pages-store';
export type { QueryResult, QueryColumn, StartInfo } from './business-db';
export type { Caller } from './auth';
export { SEED_ANCHOR, SEED_DAYS } from './seed';

export const API_BASE_PATH = '/api/platform/v1';

export interface LocalPlatform {
  /** Serves one request of the contract; never throws. */
  handle(req: Request): Promise<Response>;
  /** Creates the data directory, loads the SQL parser, opens (seeding on first start) the known businesses. */
  ready(): Promise<void>;
  /** Stops webhook deliveries and closes every database. Later requests get 503. */
  close(): Promise<void>;
  /** An embed token issued by this platform, checked against its data directory (null when not valid). */
  verifyEmbedToken(token: string | null | undefined, options?: { pageId?: string; now?: Date }): Promise<EmbedClaims | null>;
  /** How each opened database last started (for logs and measurements). */
  databaseStarts(): Record<string, StartInfo | null>;
  /** Whose data a key reads (business, scopes, slice), without a request; undefined for an unknown key. */
  callerOfKey(key: string): Caller | undefined;
  /** A configured key by its non-secret id (the `minted_by` of an embed token). */
  callerById(keyId: string): Caller | undefined;
  /**
   * Calls `listener` for every page event of every business, in this process,
   * before the request that caused it is answered (webhooks follow, later):
   * the app drops what it cached about the page before anyone can ask again.
   */
  onPageEvent(listener: (type: WebhookEvent, pageId: string) => void): () => void;
  readonly dir: string;
}

export function createLocalPlatform(options: LocalPlatformOptions = {}): LocalPlatform {
  const config: ResolvedOptions = resolveOptions(options);
  const keys = new KeyRing(config.keys, config.allowDevKey);
  const limiter = new RateLimiter(config.rateLimit.limit, config.rateLimit.windowSeconds);
  const deliverer = new WebhookDeliverer(config.webhookRetry, config.log);
  const businesses = new Businesses(config, deliverer);
  const lock = new DirLock(config.dir);
  let closed = false;

  const pageListeners = new Set<(type: WebhookEvent, pageId: string) => void>();
  const context: RoutesContext = {
    config,
    business: (name) => businesses.get(name),
    emit: (b, type, page) => {
      for (const listener of pageListeners) {
        try {
          listener(type, page.id);
        } catch (error) {
          config.log(`page event listener failed: ${String(error)}`);
        }
      }
      businesses.emit(b, type, page);
    },
  };
  // Templates before pages: /pages/templates must not be taken for /pages/{id}.
  const route = createRouter([
    ...dataRoutes(context),
    ...templateRoutes(context),
    ...pageRoutes(context),
    ...embedTokenRoutes(context),
    ...webhookRoutes(context),
    ...searchRoutes(context),
  ]);

  async function handle(req: Request): Promise<Response> {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    const requested = req.headers.get('x-amdahl-api-version');
    const knownVersion = requested === null || (API_VERSIONS as readonly string[]).includes(requested.trim());
    headers['x-amdahl-api-version'] = requested !== null && knownVersion ? requested.trim() : API_VERSIONS[0];
    let rate: RateLimitState | undefined;
    const finish = (response: Response): Response => {
      for (const [k, v] of Object.entries(headers)) if (!response.headers.has(k)) response.headers.set(k, v);
      if (rate) {
        response.headers.set('x-ratelimit-limit', String(rate.limit));
        response.headers.set('x-ratelimit-remaining', String(rate.remaining));
        response.headers.set('x-ratelimit-reset', String(rate.reset));
      }
      return response;
    };
    try {
      if (closed) throw new ApiError('unavailable', 'the local platform is shut down');
      lock.acquire();
      const url = new URL(req.url);
      const m = /\/api\/platform\/v1(\/.*)?$/.exec(url.pathname);
      let caller: Caller | undefined;
      let authError: ApiError | undefined;
      try {
        caller = keys.authenticate(req.headers.get('authorization'));
      } catch (error) {
        authError = error as ApiError;
      }
      rate = limiter.take(caller?.keyId ?? 'anonymous', config.now().getTime());
      if (!rate.allowed) {
        const wait = rate.retryAfter;
        headers['retry-after'] = String(wait);
        return finish(
          json(429, {
            error: {
              code: 'resource_exhausted',
              message: `rate limit of ${rate.limit} requests per ${config.rateLimit.windowSeconds} s reached; retry in ${wait} s`,
              details: { retry_after_seconds: wait },
            },
            retry_after: wait,
          }),
        );
      }
      if (authError) throw authError;
      if (!knownVersion) {
        throw new ApiError('invalid_argument', `unknown X-Amdahl-API-Version ${requested}; this platform speaks ${API_VERSIONS.join(', ')}`, {
          supported_versions: [...API_VERSIONS],
        });
      }
      if (!m) throw new ApiError('not_found', `no such endpoint: ${url.pathname}`);
      const subpath = (m[1] ?? '').replace(/\/+$/, '');
      const { handler, params } = route(req.method.toUpperCase(), subpath);
      return finish(await handler({ req, url, caller: caller!, params }));
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.status === 405 && Array.isArray(error.details?.allow)) headers.allow = (error.details!.allow as string[]).join(', ');
        return finish(json(error.status, errorBody(error)));
      }
      config.log(`internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return finish(json(500, { error: { code: 'internal', message: 'internal error' } }));
    }
  }

  let readying: Promise<void> | undefined;

  return {
    dir: config.dir,
    handle,
    ready() {
      readying ??= (async () => {
        if (closed) throw new ApiError('unavailable', 'the local platform is shut down');
        await fs.mkdir(path.join(config.dir, 'businesses'), { recursive: true });
        lock.acquire();
        const warm = config.warmBusinesses ?? keys.businesses();
        await Promise.all([
          config.checkSql ? Promise.resolve() : loadSqlParser(),
          ...warm.map(async (name) => {
            const b = businesses.get(name);
            await Promise.all([b.pages.open(), b.db.start()]);
          }),
        ]);
      })();
      readying.catch(() => {
        readying = undefined;
      });
      return readying;
    },
    async close() {
      closed = true;
      deliverer.close();
      await Promise.all(businesses.opened().map((b) => b.db.close()));
      lock.release();
    },
    verifyEmbedToken(token, opts = {}) {
      return verifyToken(token, { dir: config.dir, ...opts });
    },
    callerOfKey: (key) => keys.lookup(key),
    callerById: (keyId) => keys.byId(keyId),
    onPageEvent(listener) {
      pageListeners.add(listener);
      return () => pageListeners.delete(listener);
    },
    databaseStarts() {
      return Object.fromEntries(businesses.opened().map((b) => [b.name, b.db.lastStart]));
    },
  };
}
