/**
 * The typed client for the Amdahl Platform API (CONTRACT.md). Everything in
 * the app that talks to the platform goes through `createPlatformClient`;
 * local and remote differ only in the `fetch` and `baseUrl` it is given.
 *
 * Server-only: it holds the API key.
 */
import type { z } from 'zod';
import { decode, decodeListPage, type ListPage } from './decode';
import { PlatformError, isPlatformError, unwrapEnvelope } from './errors';
import { RequestLimiter, type Sleep } from './limiter';
import type { RateLimitInfo } from './rate-limit';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import {
  createPageInputSchema,
  createWebhookInputSchema,
  kbSearchInputSchema,
  kbSearchResultSchema,
  searchInputSchema,
  searchResultSchema,
  embedTokenInputSchema,
  embedTokenSchema,
  looksLikeVerdict,
  pageSchema,
  pageSummarySchema,
  queryResultSchema,
  templateSchema,
  templateSummarySchema,
  updatePageInputSchema,
  updateWebhookInputSchema,
  validatePageInputSchema,
  validationVerdictSchema,
  webhookSchema,
  type CreatePageInput,
  type CreateWebhookInput,
  type EmbedToken,
  type EmbedTokenInput,
  type KbSearchInput,
  type KbSearchResult,
  type SearchInput,
  type SearchResult,
  type ListPagesParams,
  type ListParams,
  type Page,
  type PageSummary,
  type QueryResult,
  type Template,
  type TemplateSummary,
  type UpdatePageInput,
  type UpdateWebhookInput,
  type ValidatePageInput,
  type ValidationVerdict,
  type Webhook,
} from './schemas';
import { Transport, type CallOptions, type FetchLike, type QueryParams, type RequestSpec, type ResponseInfo } from './transport';

export const DEFAULT_API_VERSION = '2026-11-01';
export const DEFAULT_USER_AGENT = 'amdahl-pages-studio/0.1 (platform-client)';

export interface PlatformClientOptions {
  /** Up to and including `/api/platform/v1`, e.g. `http://localhost:3000/api/platform/v1`. */
  baseUrl: string;
  apiKey: string;
  /**
   * How requests are sent. Defaults to the global `fetch`; the app hands the
   * local platform's web handler here directly, without a socket.
   */
  fetch?: FetchLike;
  /** Sent as `X-Amdahl-API-Version`. */
  apiVersion?: string;
  /** Per attempt, ms. Default 30 000 (the guide's). */
  timeoutMs?: number;
  /** Per call, retries and waits included, ms. Default 60 000. */
  deadlineMs?: number;
  retry?: Partial<RetryOptions>;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  userAgent?: string;
  /** Called after every response, retried attempts included. Must not throw (its errors are ignored). */
  onResponse?: (info: ResponseInfo) => void;
  /** Injectable for tests. */
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface UpdatePageOptions extends CallOptions {
  /** The version the author loaded; sent as `If-Match: "<version>"`. Makes the PATCH safe to retry. */
  ifMatch?: number | string;
}

export interface PaginateOptions extends CallOptions {
  /** Keys besides `items`, `pages` and `data` that may hold the array (`templates`, `webhooks`). */
  extraKeys?: readonly string[];
}

export interface QueryOptions extends CallOptions {
  /** A data slice, `{column: [values]}`. */
  rules?: Record<string, string[]>;
}

export interface PlatformClient {
  /** Rate-limit headers of the last response that carried them. */
  readonly rateLimit: RateLimitInfo | undefined;
  /** `X-Amdahl-API-Version` echoed by the last response that carried it. */
  readonly apiVersion: string | undefined;
  /** The version this client asks for. */
  readonly requestedApiVersion: string;

  /**
   * `POST /data/query`: read-only SQL against `interactions`. With `rules`
   * (ours), the platform narrows the rows inside the database and says so in
   * `applied_rules`; a platform that does not is refused by the caller.
   */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;

  /** `POST /search/query`: matches in `results`, the lane that ran in `mode_ran`, what answered in `freshness`. */
  search(body: SearchInput, options?: CallOptions): Promise<SearchResult>;
  /** `POST /search/kb` (ours): knowledge-base documents. A platform without it answers 404. */
  searchKb(body: KbSearchInput, options?: CallOptions): Promise<KbSearchResult>;

  listPages(params?: ListPagesParams, options?: CallOptions): Promise<ListPage<PageSummary>>;
  /** Every page, following `next_cursor`. */
  iteratePages(params?: Omit<ListPagesParams, 'cursor'>, options?: CallOptions): AsyncGenerator<PageSummary, void, undefined>;
  getPage(id: string, options?: CallOptions): Promise<Page>;
  createPage(body: CreatePageInput, options?: CallOptions): Promise<Page>;
  updatePage(id: string, patch: UpdatePageInput, options?: UpdatePageOptions): Promise<Page>;
  /** `DELETE /pages/{id}`. Resolves to the archived page when the platform answers with it, else null. */
  archivePage(id: string, options?: CallOptions): Promise<Page | null>;
  /** `POST /pages/validate`. A verdict with failures resolves (even when sent as a 400/422); it does not throw. */
  validatePage(body: ValidatePageInput, options?: CallOptions): Promise<ValidationVerdict>;

  /** All templates (pagination followed if the platform paginates). */
  listTemplates(options?: CallOptions): Promise<TemplateSummary[]>;
  getTemplate(slug: string, options?: CallOptions): Promise<Template>;

  createEmbedToken(pageId: string, body: EmbedTokenInput, options?: CallOptions): Promise<EmbedToken>;

  createWebhook(body: CreateWebhookInput, options?: CallOptions): Promise<Webhook>;
  listWebhooks(params?: ListParams, options?: CallOptions): Promise<ListPage<Webhook>>;
  updateWebhook(id: string, patch: UpdateWebhookInput, options?: CallOptions): Promise<Webhook>;
  deleteWebhook(id: string, options?: CallOptions): Promise<void>;

  /** Any cursor-paginated list: yields decoded items page after page. */
  paginate<S extends z.ZodType>(
    path: string,
    params: QueryParams,
    itemSchema: S,
    options?: PaginateOptions,
  ): AsyncGenerator<z.output<S>, void, undefined>;
  /** The escape hatch: one call, its 2xx body decoded with `schema`. */
  request<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>>;
}

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`createPlatformClient: ${what} must be a positive number`);
  return value;
}

const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Refuse to send a body that is not exactly the contract's shape. */
function checkInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 5)
    .map((issue) => {
      const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return `${at || '(body)'}: ${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
  throw new PlatformError({ status: 0, code: 'invalid_argument', message: `${what}: ${detail}`, details: result.error.issues });
}

function segment(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PlatformError({ status: 0, code: 'invalid_argument', message: `${what} must be a non-empty string` });
  }
  return encodeURIComponent(value);
}

/** `If-Match` carries an entity tag: a quoted version, or a tag the server gave verbatim. */
export function formatIfMatch(version: number | string): string {
  if (typeof version === 'number') return `"${version}"`;
  const trimmed = version.trim();
  if (trimmed === '*' || /^(W\/)?".*"$/.test(trimmed)) return trimmed;
  return `"${trimmed}"`;
}

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  if (!options || typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('createPlatformClient: apiKey is required');
  }
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError('createPlatformClient: baseUrl must be an absolute URL');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError('createPlatformClient: baseUrl must be http or https');
  }
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? realSleep;
  const given = options.fetch;
  // Looked up per call so a test (or Next) that replaces global fetch is honoured.
  const send: FetchLike = given ? (request) => given(request) : (request) => globalThis.fetch(request);
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const retry: RetryOptions = {
    maxAttempts: Math.floor(positive(options.retry?.maxAttempts, DEFAULT_RETRY.maxAttempts, 'retry.maxAttempts')),
    baseMs: positive(options.retry?.baseMs, DEFAULT_RETRY.baseMs, 'retry.baseMs'),
    capMs: positive(options.retry?.capMs, DEFAULT_RETRY.capMs, 'retry.capMs'),
  };
  const transport = new Transport({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: send,
    apiVersion,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: positive(options.timeoutMs, 30_000, 'timeoutMs'),
    deadlineMs: positive(options.deadlineMs, 60_000, 'deadlineMs'),
    retry,
    limiter: new RequestLimiter({ concurrency: positive(options.concurrency, 4, 'concurrency'), now, sleep }),
    sleep,
    random: options.random ?? Math.random,
    now,
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });

  async function call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>> {
    const result = await transport.send(spec);
    return decode(schema, result.body, {
      status: result.status,
      method: spec.method,
      path: spec.path,
      ...(result.requestId ? { requestId: result.requestId } : {}),
    });
  }

  function callOptions(options: CallOptions | undefined): CallOptions {
    const out: CallOptions = {};
    if (options?.signal) out.signal = options.signal;
    if (options?.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
    if (options?.deadlineMs !== undefined) out.deadlineMs = options.deadlineMs;
    return out;
  }

  async function* paginate<S extends z.ZodType>(
    path: string,
    params: QueryParams,
    itemSchema: S,
    options?: PaginateOptions,
  ): AsyncGenerator<z.output<S>, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | null = typeof params.cursor === 'string' ? params.cursor : null;
    for (;;) {
      const spec: RequestSpec = { method: 'GET', path, query: { ...params, cursor }, ...callOptions(options) };
      const result = await transport.send(spec);
      const page = decodeListPage(
        result.body,
        itemSchema,
        { status: result.status, method: 'GET', path, ...(result.requestId ? { requestId: result.requestId } : {}) },
        options?.extraKeys,
      );
      yield* page.items;
      if (page.next_cursor === null) return;
      if (seen.has(page.next_cursor)) {
        throw new PlatformError({
          status: result.status,
          code: 'invalid_response',
          message: `GET ${path}: next_cursor ${JSON.stringify(page.next_cursor)} repeats; stopping instead of looping`,
          method: 'GET',
          path,
        });
      }
      seen.add(page.next_cursor);
      cursor = page.next_cursor;
    }
  }

  async function listOnce<S extends z.ZodType>(
    path: string,
    query: QueryParams,
    itemSchema: S,
    options: CallOptions | undefined,
    extraKeys: readonly string[] = [],
  ): Promise<ListPage<z.output<S>>> {
    const result = await transport.send({ method: 'GET', path, query, ...callOptions(options) });
    return decodeListPage(
      result.body,
      itemSchema,
      { status: result.status, method: 'GET', path, ...(result.requestId ? { requestId: result.requestId } : {}) },
      extraKeys,
    );
  }

  const client: PlatformClient = {
    get rateLimit() {
      return transport.rateLimit;
    },
    get apiVersion() {
      return transport.apiVersion;
    },
    requestedApiVersion: apiVersion,

    query(sql, options) {
      if (typeof sql !== 'string' || sql.trim() === '') {
        return Promise.reject(new PlatformError({ status: 0, code: 'invalid_argument', message: 'query: sql must be a non-empty string' }));
      }
      // Read-only, so safe to send again.
      const body = options?.rules ? { sql, rules: options.rules } : { sql };
      return call({ method: 'POST', path: '/data/query', body, idempotent: true, ...callOptions(options) }, queryResultSchema);
    },

    // Searches read, so they are safe to send again.
    async search(body, options) {
      const input = checkInput(searchInputSchema, body, 'search');
      return call({ method: 'POST', path: '/search/query', body: input, idempotent: true, ...callOptions(options) }, searchResultSchema);
    },

    async searchKb(body, options) {
      const input = checkInput(kbSearchInputSchema, body, 'searchKb');
      return call({ method: 'POST', path: '/search/kb', body: input, idempotent: true, ...callOptions(options) }, kbSearchResultSchema);
    },

    listPages(params = {}, options) {
      return listOnce('/pages', { limit: params.limit, cursor: params.cursor, tag: params.tag }, pageSummarySchema, options);
    },

    iteratePages(params = {}, options) {
      return paginate('/pages', { limit: params.limit, tag: params.tag }, pageSummarySchema, options);
    },

    async getPage(id, options) {
      return call({ method: 'GET', path: `/pages/${segment(id, 'getPage: id')}`, ...callOptions(options) }, pageSchema);
    },

    async createPage(body, options) {
      const input = checkInput(createPageInputSchema, body, 'createPage');
      return call({ method: 'POST', path: '/pages', body: input, idempotent: false, ...callOptions(options) }, pageSchema);
    },

    async updatePage(id, patch, options) {
      const path = `/pages/${segment(id, 'updatePage: id')}`;
      const input = checkInput(updatePageInputSchema, patch, 'updatePage');
      const headers: Record<string, string> = {};
      if (options?.ifMatch !== undefined) headers['If-Match'] = formatIfMatch(options.ifMatch);
      return call(
        { method: 'PATCH', path, body: input, headers, idempotent: options?.ifMatch !== undefined, ...callOptions(options) },
        pageSchema,
      );
    },

    async archivePage(id, options) {
      const path = `/pages/${segment(id, 'archivePage: id')}`;
      const result = await transport.send({ method: 'DELETE', path, notFoundAfterRetryIsDone: true, ...callOptions(options) });
      const parsed = pageSchema.safeParse(result.body);
      return parsed.success ? parsed.data : null;
    },

    async validatePage(body, options) {
      const input = checkInput(validatePageInputSchema, body, 'validatePage');
      const spec: RequestSpec = { method: 'POST', path: '/pages/validate', body: input, idempotent: true, ...callOptions(options) };
      try {
        return await call(spec, validationVerdictSchema);
      } catch (error) {
        // A platform may answer a failing verdict with 400/422; it is still a verdict.
        if (isPlatformError(error) && (error.status === 400 || error.status === 422)) {
          const inner = unwrapEnvelope(error.body);
          if (looksLikeVerdict(inner)) {
            const verdict = decode(validationVerdictSchema, inner, { status: error.status, method: 'POST', path: '/pages/validate' });
            return { ...verdict, valid: false };
          }
        }
        throw error;
      }
    },

    async listTemplates(options) {
      const out: TemplateSummary[] = [];
      for await (const item of paginate('/pages/templates', {}, templateSummarySchema, { ...callOptions(options), extraKeys: ['templates'] })) {
        out.push(item);
      }
      return out;
    },

    async getTemplate(slug, options) {
      return call({ method: 'GET', path: `/pages/templates/${segment(slug, 'getTemplate: slug')}`, ...callOptions(options) }, templateSchema);
    },

    async createEmbedToken(pageId, body, options) {
      const path = `/pages/${segment(pageId, 'createEmbedToken: pageId')}/embed-token`;
      const input = checkInput(embedTokenInputSchema, body, 'createEmbedToken');
      return call({ method: 'POST', path, body: input, idempotent: false, ...callOptions(options) }, embedTokenSchema);
    },

    async createWebhook(body, options) {
      const input = checkInput(createWebhookInputSchema, body, 'createWebhook');
      return call({ method: 'POST', path: '/webhooks', body: input, idempotent: false, ...callOptions(options) }, webhookSchema);
    },

    listWebhooks(params = {}, options) {
      return listOnce('/webhooks', { limit: params.limit, cursor: params.cursor }, webhookSchema, options, ['webhooks']);
    },

    async updateWebhook(id, patch, options) {
      const path = `/webhooks/${segment(id, 'updateWebhook: id')}`;
      const input = checkInput(updateWebhookInputSchema, patch, 'updateWebhook');
      return call({ method: 'PATCH', path, body: input, idempotent: false, ...callOptions(options) }, webhookSchema);
    },

    async deleteWebhook(id, options) {
      const path = `/webhooks/${segment(id, 'deleteWebhook: id')}`;
      await transport.send({ method: 'DELETE', path, notFoundAfterRetryIsDone: true, ...callOptions(options) });
    },

    paginate,

    request(spec, schema) {
      return call(spec, schema);
    },
  };
  return client;
}
