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
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkSql, loadSqlParser, type SqlProblem } from '../spec/sql-check';
import { KeyRing, requireScope, type Caller } from './auth';
import { BusinessDatabase, InitdbTemplate, type StartInfo } from './business-db';
import { DirLock } from './dir-lock';
import { issueEmbedToken, verifyEmbedToken as verifyToken, type EmbedClaims } from './embed-tokens';
import { ApiError } from './errors';
import { errorBody, json, noContent, parseIfMatch, readJsonBody } from './http';
import { LineIndex } from '../spec/json-text';
import { API_VERSIONS, DEV_BUSINESS, locate, resolveOptions, type LocalPlatformOptions, type ResolvedOptions, type SqlChecker } from './options';
import { PagesStore, newId, readSeedPages, type Page } from './pages-store';
import { RateLimiter, type RateLimitState } from './rate-limit';
import {
  createPageBody,
  createWebhookBody,
  embedTokenBody,
  parseBody,
  queryBody,
  updatePageBody,
  updateWebhookBody,
  validatePageBody,
} from './schemas';
import { WebhookDeliverer, WebhooksStore, type WebhookEvent } from './webhooks';

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
  readonly dir: string;
}

interface Business {
  name: string;
  db: BusinessDatabase;
  pages: PagesStore;
  webhooks: WebhooksStore;
}

type Handler = (ctx: RequestContext) => Promise<Response>;

interface RequestContext {
  req: Request;
  url: URL;
  caller: Caller;
  params: string[];
}

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const defaultChecker: SqlChecker = async (sql) => {
  await loadSqlParser();
  // pg_sleep is slow, not unsafe: it reaches the database, where the worker's deadline answers 504.
  return checkSql(sql, { allowedTables: ['interactions'], allowFunctions: ['pg_sleep'] });
};

function containsCustom(value: unknown, depth = 0): boolean {
  if (depth > 200 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsCustom(v, depth + 1));
  const record = value as Record<string, unknown>;
  if (record.type === 'Custom') return true;
  return Object.values(record).some((v) => containsCustom(v, depth + 1));
}

export function createLocalPlatform(options: LocalPlatformOptions = {}): LocalPlatform {
  const config: ResolvedOptions = resolveOptions(options);
  const keys = new KeyRing(config.keys, config.allowDevKey);
  const limiter = new RateLimiter(config.rateLimit.limit, config.rateLimit.windowSeconds);
  const deliverer = new WebhookDeliverer(config.webhookRetry, config.log);
  const checker = config.checkSql ?? defaultChecker;
  const workerPath = locate(config.workerPath, 'db-worker.mjs');
  const seedPagesDir = locate(config.seedPagesDir, 'seed-pages');
  const businesses = new Map<string, Business>();
  const template = config.initdbTemplate ? new InitdbTemplate(config.initdbTemplate) : undefined;
  const lock = new DirLock(config.dir);
  let closed = false;

  function business(name: string): Business {
    let b = businesses.get(name);
    if (!b) {
      const root = path.join(config.dir, 'businesses', name);
      b = {
        name,
        db: new BusinessDatabase({
          business: name,
          dataDir: path.join(root, 'pgdata'),
          workerPath,
          rowCap: config.rowCap,
          queryTimeoutMs: config.queryTimeoutMs,
          template,
          log: config.log,
        }),
        pages: new PagesStore(path.join(root, 'pages.json'), config.now, () =>
          name === DEV_BUSINESS ? readSeedPages(seedPagesDir) : Promise.resolve([]),
        ),
        webhooks: new WebhooksStore(path.join(root, 'webhooks.json'), config.now),
      };
      businesses.set(name, b);
    }
    return b;
  }

  /** Deliveries start after the response: the API never waits for a receiver. */
  function emit(b: Business, type: WebhookEvent, page: Page): void {
    const event = {
      id: newId('evt'),
      type,
      created_at: config.now().toISOString(),
      data: { page_id: page.id, version: page.version },
    };
    setImmediate(() => {
      b.webhooks
        .subscribers(type)
        .then((hooks) => deliverer.enqueue(hooks, event))
        .catch((error: unknown) => config.log(`webhooks: could not load subscribers: ${String(error)}`));
    });
  }

  function pageResponse(status: number, page: Page): Response {
    return json(status, page, { etag: `"${page.version}"` });
  }

  function limitOf(url: URL, fallback: number): number {
    const raw = url.searchParams.get('limit');
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw new ApiError('invalid_argument', `limit must be an integer from 1 to 100, got ${raw}`);
    return n;
  }

  function sqlRefusal(sql: string, problems: SqlProblem[]): ApiError {
    const first = problems[0]!;
    const detailed = problems.map((p) => ({
      message: p.message,
      ...(p.offset !== undefined ? { offset: p.offset, ...new LineIndex(sql).position(p.offset) } : {}),
      ...(p.hint ? { hint: p.hint } : {}),
    }));
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    return new ApiError('invalid_argument', `${first.message}${more}`, { problems: detailed });
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/data\/query$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'data:read');
        const { sql } = parseBody(queryBody, await readJsonBody(req));
        const problems = await checker(sql);
        if (problems.length > 0) throw sqlRefusal(sql, problems);
        const result = await business(caller.business).db.query(sql);
        return json(200, result);
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages$/,
      handler: async ({ url, caller }) => {
        requireScope(caller, 'pages:read');
        const tag = url.searchParams.get('tag') ?? undefined;
        const cursor = url.searchParams.get('cursor') || undefined;
        return json(200, await business(caller.business).pages.list({ limit: limitOf(url, 50), cursor, tag }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/pages$/,
      handler: async ({ req, url, caller }) => {
        requireScope(caller, 'pages:write');
        const body = parseBody(createPageBody, await readJsonBody(req));
        if (containsCustom(body.spec)) requireScope(caller, 'pages:admin');
        const b = business(caller.business);
        const page = await b.pages.create({
          name: body.name,
          tags: body.tags ?? [],
          declared_queries: body.declared_queries ?? [],
          spec: body.spec,
          status: body.status,
        });
        emit(b, 'page.created', page);
        return json(201, page, { etag: `"${page.version}"`, location: `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(page.id)}` });
      },
    },
    {
      method: 'POST',
      pattern: /^\/pages\/validate$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'pages:read');
        if (!config.validatePage) throw new ApiError('unimplemented', 'this local platform was started without a page validator');
        const body = parseBody(validatePageBody, await readJsonBody(req));
        const verdict = await config.validatePage({ spec: body.spec, declared_queries: body.declared_queries ?? [] });
        return json(200, { valid: verdict.valid, diagnostics: verdict.diagnostics });
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages\/templates$/,
      handler: async ({ caller }) => {
        requireScope(caller, 'pages:read');
        const items = config.templates.map((t) => ({
          slug: t.slug,
          name: t.name,
          description: t.description,
          ...(Array.isArray(t.page.tags) ? { tags: t.page.tags } : {}),
        }));
        return json(200, { items, next_cursor: null });
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages\/templates\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        const t = config.templates.find((x) => x.slug === params[0]);
        if (!t) throw new ApiError('not_found', `no template with slug ${params[0]}`);
        return json(200, {
          slug: t.slug,
          name: t.name,
          description: t.description,
          tags: Array.isArray(t.page.tags) ? t.page.tags : [],
          declared_queries: Array.isArray(t.page.declared_queries) ? t.page.declared_queries : [],
          spec: t.page.spec,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        return pageResponse(200, await business(caller.business).pages.get(params[0]!));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ req, caller, params }) => {
        requireScope(caller, 'pages:write');
        const expected = parseIfMatch(req.headers.get('if-match'));
        const patch = parseBody(updatePageBody, await readJsonBody(req));
        if (Object.keys(patch).length === 0) throw new ApiError('invalid_argument', 'the patch changes nothing: send at least one field');
        if (patch.spec !== undefined && containsCustom(patch.spec)) requireScope(caller, 'pages:admin');
        const b = business(caller.business);
        const page = await b.pages.update(params[0]!, patch, expected);
        emit(b, 'page.updated', page);
        return pageResponse(200, page);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:write');
        const b = business(caller.business);
        const page = await b.pages.archive(params[0]!);
        emit(b, 'page.archived', page);
        return pageResponse(200, page);
      },
    },
    {
      method: 'POST',
      pattern: /^\/pages\/([^/]+)\/embed-token$/,
      handler: async ({ req, url, caller, params }) => {
        requireScope(caller, 'pages:read');
        const body = parseBody(embedTokenBody, await readJsonBody(req));
        if (body.audience !== 'self') requireScope(caller, 'pages:admin');
        const page = await business(caller.business).pages.get(params[0]!);
        const { token, expiresAt } = await issueEmbedToken({
          dir: config.dir,
          business: caller.business,
          pageId: page.id,
          audience: body.audience,
          ttlSeconds: body.ttl_seconds ?? config.embedTtlSeconds,
          rules: body.rules,
          origins: body.origins?.map((o) => new URL(o).origin),
          now: config.now(),
        });
        const base = (config.embedBaseUrl ?? url.origin).replace(/\/+$/, '');
        return json(200, {
          token,
          expires_at: expiresAt.toISOString(),
          embed_url: `${base}/embed/${encodeURIComponent(page.id)}?token=${encodeURIComponent(token)}`,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/webhooks$/,
      handler: async ({ url, caller }) => {
        requireScope(caller, 'pages:read');
        const cursor = url.searchParams.get('cursor') || undefined;
        return json(200, await business(caller.business).webhooks.list(limitOf(url, 50), cursor));
      },
    },
    {
      method: 'POST',
      pattern: /^\/webhooks$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'pages:write');
        const body = parseBody(createWebhookBody, await readJsonBody(req));
        return json(201, await business(caller.business).webhooks.create(body));
      },
    },
    {
      method: 'GET',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        return json(200, await business(caller.business).webhooks.get(params[0]!));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ req, caller, params }) => {
        requireScope(caller, 'pages:write');
        const patch = parseBody(updateWebhookBody, await readJsonBody(req));
        if (Object.keys(patch).length === 0) throw new ApiError('invalid_argument', 'the patch changes nothing: send at least one field');
        return json(200, await business(caller.business).webhooks.update(params[0]!, patch));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:write');
        await business(caller.business).webhooks.remove(params[0]!);
        return noContent();
      },
    },
  ];

  function route(method: string, subpath: string): { handler: Handler; params: string[] } {
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
  }

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
            const b = business(name);
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
      await Promise.all([...businesses.values()].map((b) => b.db.close()));
      lock.release();
    },
    verifyEmbedToken(token, opts = {}) {
      return verifyToken(token, { dir: config.dir, ...opts });
    },
    databaseStarts() {
      return Object.fromEntries([...businesses.values()].map((b) => [b.name, b.db.lastStart]));
    },
  };
}
