/**
 * The host: what the app's server routes and pages call. It puts together a
 * catalog (handed in: lib never imports catalog/), the spec library and one
 * platform client. With AMDAHL_URL unset the client talks to the embedded
 * local platform through its web handler, without a socket; otherwise to the
 * real platform. The API key lives here, on the server, only.
 */
import type { Catalog } from '../spec/define';
import type { Diagnostic } from '../spec/diagnostics';
import { hasErrors } from '../spec/diagnostics';
import { isObject, readDocument } from '../spec/document';
import { normalisePage } from '../spec/normalise';
import type { Page as CanonicalPage } from '../spec/page-model';
import { loadSqlParser } from '../spec/sql-check';
import { validatePage, type ValidateOptions } from '../spec/validate';
import { planPage } from '../render/plan';
import { settleOutcomes, startQueries, type QueryOutcome } from '../render/run-queries';
import { queryCacheFromEnv } from '../render/query-cache-from-env';
import type { ResultCache } from '../render/query-cache';
import { searchRunners } from '../render/search-runners';
import { valueDiagnostics } from '../render/value-diagnostics';
import { dropEmbedHtml } from '../embed/html-cache';
import { sliceWithin, sliceKey, type SliceRules } from '../embed/slice-rules';
import { createEmbeds, keyIdentity, type Embeds } from './embeds';
import { subscribeToPageEvents, WebhookReceiver, type Delivery } from './page-events';
import { createPlatformClient, isPlatformError, type Page as StoredPage, type PlatformClient } from '../platform';
import { createLocalPlatform, localPlatformOptionsFromEnv, type LocalPlatform } from '../local-platform';
import { platformPageValidator } from '../local-platform/page-validator';
import { isLoopback } from '../local-platform/serve';
import { createStudioAuth, type StudioAuth } from './studio-auth';
import { PreviewResults, splitKnown } from './known-results';
import { KeyViews } from './key-views';
import { runQuery, type RunQueryAnswer, type RunQueryInput } from './run-query';
import { nodeRows, type NodeRows } from './node-rows';

export type Env = Record<string, string | undefined>;

export const LOCAL_DEV_KEY = 'amdhl_local_dev';
/** Thrown inside a query run when the platform answered without applying the requested slice. */
class SliceNotEnforced extends Error {
  readonly code = 'slice_not_enforced';
  constructor() {
    super('The platform did not apply the data slice; nothing is shown');
  }
}
const LOCAL_BASE_URL = 'http://local.amdahl.invalid/api/platform/v1';

export interface RenderData {
  page: CanonicalPage;
  outcomes: Record<string, QueryOutcome>;
  diagnostics: Diagnostic[];
  /** Each bound query's execution key (./known-results.ts): the studio keeps results by it. */
  keys?: Record<string, string>;
  /** Bound queries not run because the caller said it holds their results: absent from `outcomes`. */
  unchanged?: string[];
}

/** A render whose queries are under way: one promise per bound name, each never rejecting (a failure is an outcome). */
export interface StreamedRender {
  page: CanonicalPage;
  outcomes: Record<string, Promise<QueryOutcome>>;
  diagnostics: Diagnostic[];
}

export interface PreviewResult {
  diagnostics: Diagnostic[];
  /** Absent when the text is not JSON or not a page at all. */
  render?: RenderData;
}

export type SaveResult =
  | { ok: true; page: StoredPage; diagnostics: Diagnostic[] }
  | { ok: false; status: number; code: string; message: string; diagnostics?: Diagnostic[]; current?: StoredPage };

export interface Host {
  readonly mode: 'local' | 'remote';
  readonly client: PlatformClient;
  /** The embedded platform, when AMDAHL_URL is unset. */
  readonly local: LocalPlatform | undefined;
  validate(input: string | unknown, options?: ValidateOptions): Promise<Diagnostic[]>;
  /** Validates, then runs the queries the page binds: the studio's live preview. */
  preview(text: string, params?: Record<string, unknown>, options?: { known?: readonly string[] }): Promise<PreviewResult>;
  /** One SQL statement, checked as a declared query is, run on its own: the studio's queries panel. */
  runQuery(input: RunQueryInput): Promise<RunQueryAnswer>;
  /** A stored page, normalised, with its queries run: the view and embed routes. `rules` narrows every query to a data slice. */
  render(page: StoredPage, params?: Record<string, unknown>, options?: { rules?: SliceRules }): Promise<RenderData>;
  /** The same render, answered as soon as the page is checked and its queries started: the streamed view route. */
  stream(page: StoredPage, params?: Record<string, unknown>, options?: { rules?: SliceRules }): Promise<StreamedRender>;
  /** The full rows of one node's query (Show data, Download CSV), with the same params and slice as its page. */
  nodeRows(page: StoredPage, pointer: string, params?: Record<string, unknown>, options?: { rules?: SliceRules }): Promise<NodeRows>;
  /** A page by id, kept for the query cache's TTL and dropped at once when the platform says it changed. */
  getPage(id: string): Promise<StoredPage>;
  /** Drops what is cached about a page (its stored form and the results it showed). */
  invalidatePage(id: string): void;
  /** Embed tokens: verifying, minting, rendering a verified grant. */
  readonly embeds: Embeds;
  /** A webhook delivery from the platform (`/api/webhooks/amdahl`). */
  receiveWebhook(rawBody: string, signature: string | null): Delivery;
  /** Opens (and on a new machine seeds) the local platform and subscribes to page events: run once at server start. */
  start(options?: { log?: (message: string) => void }): Promise<void>;
  savePage(text: string, target?: { id: string; expectedVersion?: number | string; expectedUpdatedAt?: string }): Promise<SaveResult>;
  /** Sign-in for the studio when it listens beyond loopback. */
  readonly auth: StudioAuth;
  /** The same host acting with another API key (a signed-in author's): same platform and caches, its own client and cache identity. */
  forKey(apiKey: string): Host;
  close(): Promise<void>;
}

export interface HostOptions {
  catalog: Catalog;
  env: Env;
  /** Set by `forKey` only: what a view shares with the host it was made from, and the key it acts with. */
  viewOf?: SharedWithViews & { apiKey: string };
}

interface SharedWithViews {
  local: LocalPlatform | undefined;
  clientFor(apiKey: string): PlatformClient;
  cache: ResultCache;
  pageCache: Map<string, { at: number; page: Promise<StoredPage> }>;
  auth: StudioAuth;
  views: KeyViews<Host>;
}

/** The value of a JSON text, or undefined: the validator has already said where and why it is not JSON. */
function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Page fields the pages API takes; everything else in an edited document is dropped before saving. */
function pageBody(value: Record<string, unknown>) {
  return {
    name: String(value.name ?? ''),
    tags: Array.isArray(value.tags) ? (value.tags as string[]) : [],
    declared_queries: Array.isArray(value.declared_queries) ? (value.declared_queries as never[]) : [],
    spec: value.spec,
  };
}

/** Where this app is reached from the machine it runs on: its webhook receiver and the local platform's embed URLs. */
export function appOrigin(env: Env): string {
  const explicit = env.AMDAHL_APP_ORIGIN?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  const listen = env.AMDAHL_LISTEN_HOST?.trim() || '127.0.0.1';
  const hostName = listen === '0.0.0.0' || listen === '::' ? '127.0.0.1' : listen;
  return `http://${hostName.includes(':') ? `[${hostName}]` : hostName}:${env.PORT?.trim() || '3000'}`;
}

export function createHost({ catalog, env, viewOf }: HostOptions): Host {
  const remoteUrl = env.AMDAHL_URL?.trim();
  // A page is as slow as its slowest query only when its queries run side by side: 8 at once by default.
  const concurrency = Number(env.AMDAHL_QUERY_CONCURRENCY ?? 8);
  if (!Number.isInteger(concurrency) || concurrency <= 0) throw new Error('AMDAHL_QUERY_CONCURRENCY must be a positive integer');
  let local: LocalPlatform | undefined;
  let client: PlatformClient;
  let clientFor: (apiKey: string) => PlatformClient;
  if (viewOf) {
    ({ local, clientFor } = viewOf);
    client = clientFor(viewOf.apiKey);
  } else if (remoteUrl) {
    const apiKey = env.API_KEY?.trim();
    if (!apiKey) throw new Error('AMDAHL_URL is set but API_KEY is not: set API_KEY to a key for that platform');
    clientFor = (key) => createPlatformClient({ baseUrl: `${remoteUrl.replace(/\/+$/, '')}/api/platform/v1`, apiKey: key, apiVersion: env.AMDAHL_API_VERSION || undefined, concurrency });
    client = clientFor(apiKey);
  } else {
    // The built-in dev key is for a laptop: once the app listens beyond loopback only configured keys work.
    const loopback = isLoopback(env.AMDAHL_LISTEN_HOST?.trim() || '127.0.0.1');
    if (!loopback && !env.API_KEY?.trim()) {
      throw new Error('The studio listens beyond loopback: the dev key is off. Set AMDAHL_LOCAL_KEYS and API_KEY (one of those keys).');
    }
    local = createLocalPlatform({
      ...localPlatformOptionsFromEnv(env),
      allowDevKey: loopback,
      validatePage: platformPageValidator(catalog),
      embedBaseUrl: appOrigin(env),
    });
    const handler = local;
    clientFor = (key) => createPlatformClient({ baseUrl: LOCAL_BASE_URL, apiKey: key, fetch: (request: Request) => handler.handle(request), concurrency });
    client = clientFor(env.API_KEY?.trim() || LOCAL_DEV_KEY);
  }
  const apiKey = viewOf?.apiKey ?? (env.API_KEY?.trim() || LOCAL_DEV_KEY);
  const identity = keyIdentity(apiKey);
  // Pages refresh on every load: results are kept for seconds, only to absorb bursts of viewers.
  const ttlMs = Number(env.AMDAHL_QUERY_CACHE_MS ?? 5_000);
  const cache = viewOf?.cache ?? queryCacheFromEnv(env, { ttlMs, log: (m) => console.warn(m) });
  // Shared with the views, keyed by identity and id: a page read with one key never answers another.
  const pageCache = viewOf?.pageCache ?? new Map<string, { at: number; page: Promise<StoredPage> }>();
  // Per identity (each author's view makes its own): results this process showed in the studio's preview.
  const previewResults = new PreviewResults();
  let webhookSecret: string | undefined = env.AMDAHL_WEBHOOK_SECRET?.trim() || undefined;
  const webhooks = new WebhookReceiver(() => webhookSecret);
  const auth = viewOf?.auth ?? createStudioAuth({
    env,
    keyWorks: async (key) => {
      await clientFor(key).listPages({ limit: 1 }, { deadlineMs: 10_000 });
      return true;
    },
  });

  async function validate(input: string | unknown, options: ValidateOptions = {}): Promise<Diagnostic[]> {
    await loadSqlParser();
    return validatePage(input, catalog, options);
  }

  /**
   * Only a key with pages:admin may save a Custom node, and only the platform
   * knows the key's scopes: when it refuses a page that has one, each such
   * node gets the validator's positioned `custom-not-allowed`.
   */
  async function customRefusal(text: string, error: { status: number; code: string; message: string }): Promise<{ message: string; diagnostics?: Diagnostic[] }> {
    if (error.status !== 403) return { message: error.message };
    const needScope = (await validate(text)).filter((d) => d.code === 'custom-not-allowed');
    return needScope.length ? { message: `${error.message}: a page with a Custom node needs a key with pages:admin`, diagnostics: needScope } : { message: error.message };
  }

  function startRender(page: CanonicalPage, diagnostics: Diagnostic[], params: Record<string, unknown>, options: { rules?: SliceRules; pageId?: string; known?: readonly string[] } = {}): StreamedRender & Pick<RenderData, 'keys' | 'unchanged'> {
    // Never send a query the validator refused to the platform.
    const refused = new Set<string>();
    for (const d of diagnostics) {
      const m = /^\/declared_queries\/(\d+)\//.exec(d.pointer);
      if (m && d.severity === 'error') refused.add(page.declared_queries[Number(m[1])]?.name ?? '');
    }
    const runnable = { ...page, declared_queries: page.declared_queries.filter((q) => !refused.has(q.name)) };
    const split = options.known ? splitKnown(planPage(runnable, catalog, params), new Set(options.known)) : undefined;
    const plan = split?.plan ?? planPage(runnable, catalog, params);
    const outcomes = startQueries(plan, {
      params,
      concurrency,
      cache,
      cacheScope: `${identity}|${sliceKey(options.rules)}`,
      cacheTags: options.pageId ? [`page:${options.pageId}`] : [],
      timeoutMs: Number(env.AMDAHL_QUERY_TIMEOUT_MS ?? 30_000),
      sources: searchRunners(client, options.rules ? { rules: options.rules } : {}),
      runSql: async (sql, signal) => {
        const result = await client.query(sql, { signal, ...(options.rules ? { rules: options.rules } : {}) });
        // Fail closed: a platform that ignored the slice must not have its rows shown.
        if (options.rules && !sliceWithin(result.applied_rules, options.rules)) throw new SliceNotEnforced();
        return result;
      },
    });
    for (const name of refused) {
      const outcome = outcomes[name];
      if (!name || !outcome) continue;
      outcomes[name] = outcome.then((o) =>
        o.ok === false && o.error.code === 'unbound_query' ? { ok: false, error: { code: 'invalid_query', message: `"${name}" has errors; fix them to run it` } } : o,
      );
    }
    return split ? { page, outcomes, diagnostics, keys: split.keys, unchanged: split.unchanged } : { page, outcomes, diagnostics };
  }

  async function renderPage(page: CanonicalPage, diagnostics: Diagnostic[], params: Record<string, unknown>, options: { rules?: SliceRules; pageId?: string; known?: readonly string[] } = {}): Promise<RenderData> {
    const started = startRender(page, diagnostics, params, options);
    return { ...started, outcomes: await settleOutcomes(started.outcomes) };
  }

  /** A stored page as the renderer takes it, with the validator's diagnostics. */
  async function checkStored(stored: StoredPage): Promise<{ page: CanonicalPage; diagnostics: Diagnostic[] }> {
    const value = { name: stored.name, tags: stored.tags, declared_queries: stored.declared_queries, spec: stored.spec };
    // A stored page with a Custom node was saved by a key holding pages:admin: the platform checked.
    const diagnostics = await validate(value, { allowCustom: true });
    return { page: normalisePage(value), diagnostics };
  }

  async function streamStored(stored: StoredPage, params: Record<string, unknown> = {}, options: { rules?: SliceRules } = {}): Promise<StreamedRender> {
    const { page, diagnostics } = await checkStored(stored);
    return startRender(page, diagnostics, params, { ...options, pageId: stored.id });
  }

  async function nodeRowsOf(stored: StoredPage, pointer: string, params: Record<string, unknown> = {}, options: { rules?: SliceRules } = {}): Promise<NodeRows> {
    const { page, diagnostics } = await checkStored(stored);
    return nodeRows(catalog, page, pointer, (one) => startRender(one, diagnostics, params, { ...options, pageId: stored.id }).outcomes);
  }

  async function renderStored(stored: StoredPage, params: Record<string, unknown> = {}, options: { rules?: SliceRules } = {}): Promise<RenderData> {
    const started = await streamStored(stored, params, options);
    return { ...started, outcomes: await settleOutcomes(started.outcomes) };
  }

  function getPage(id: string): Promise<StoredPage> {
    const slot = `${identity} ${id}`;
    const hit = pageCache.get(slot);
    if (hit && Date.now() - hit.at < ttlMs) return hit.page;
    const page = client.getPage(id);
    pageCache.set(slot, { at: Date.now(), page });
    page.catch(() => pageCache.delete(slot));
    return page;
  }

  function invalidatePage(id: string): void {
    for (const slot of pageCache.keys()) if (slot.slice(slot.indexOf(' ') + 1) === id) pageCache.delete(slot);
    cache.invalidate(`page:${id}`);
    dropEmbedHtml(id);
  }

  // The embedded platform tells this process of a page's change before it answers the change: its embeds stop (or refresh) on the next request.
  if (local && !viewOf) local.onPageEvent((type, pageId) => type !== 'page.created' && invalidatePage(pageId));

  const embeds = createEmbeds({ env, client, local, apiKey, identity, getPage, renderStored, nodeRows: nodeRowsOf, log: (m) => console.warn(m) });
  const views: KeyViews<Host> = viewOf?.views ?? new KeyViews((key) => createHost({ catalog, env, viewOf: { local, clientFor, cache, pageCache, auth, views, apiKey: key } }));

  const self: Host = {
    mode: local ? 'local' : 'remote',
    client,
    local,
    auth,
    validate,
    async preview(text, params = {}, { known } = {}) {
      // Custom is previewed (in its sandbox) whatever the key: the platform, which knows the key's scopes, decides at save.
      const diagnostics = await validate(text, { allowCustom: true });
      const value = jsonValue(text);
      if (!isObject(value)) return { diagnostics };
      const render = await renderPage(normalisePage(value), diagnostics, params, known ? { known } : {});
      // Values the queries returned that cannot be right where the page shows them: warnings beside the validator's findings.
      // Results the studio already holds were not run again: their values come from what this process showed it last.
      const found = valueDiagnostics(value, text, previewResults.complete(render), catalog);
      if (found.length === 0) return { diagnostics, render };
      const all = [...diagnostics, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      return { diagnostics: all, render: { ...render, diagnostics: all } };
    },
    runQuery: (input) => runQuery(client, input, { timeoutMs: Number(env.AMDAHL_QUERY_TIMEOUT_MS ?? 30_000) }),
    render: renderStored,
    stream: streamStored,
    nodeRows: nodeRowsOf,
    getPage,
    invalidatePage,
    embeds,
    receiveWebhook(rawBody, signature) {
      const delivery = webhooks.receive(rawBody, signature);
      if (delivery.ok && !delivery.duplicate && delivery.event.type !== 'page.created') invalidatePage(delivery.event.data.page_id);
      return delivery;
    },
    forKey: (key) => (key === apiKey ? self : views.get(key)),
    async start({ log = () => undefined } = {}) {
      // A view shares a platform its host has started.
      if (!local || viewOf) return;
      const started = performance.now();
      log('Opening the local platform (the first start seeds the demo data: a few seconds)…');
      await local.ready();
      const starts = Object.entries(local.databaseStarts()).map(([name, info]) => `${name}: ${info?.seeded ? 'seeded' : 'reopened'} ${info?.rowCount ?? 0} rows`);
      log(`Local platform ready in ${Math.round(performance.now() - started)} ms (${starts.join(', ')})`);
      const receiver = `${appOrigin(env)}/api/webhooks/amdahl`;
      try {
        webhookSecret = await subscribeToPageEvents(client, receiver);
      } catch (error) {
        log(`Could not subscribe to page events at ${receiver}: ${(error as Error).message}; embeds refresh at the end of their cache TTL instead`);
      }
    },
    async savePage(text, target) {
      const diagnostics = await validate(text, { allowCustom: true });
      const value = jsonValue(text);
      if (!isObject(value)) {
        return { ok: false, status: 422, code: 'invalid_argument', message: 'The page is not valid JSON', diagnostics };
      }
      if (readDocument(value).kind !== 'page') {
        return { ok: false, status: 422, code: 'invalid_argument', message: 'Save a page: {"name", "tags", "declared_queries", "spec"}', diagnostics };
      }
      if (hasErrors(diagnostics)) {
        return { ok: false, status: 422, code: 'invalid_argument', message: 'The page has errors; fix them before saving', diagnostics };
      }
      const body = pageBody(value);
      try {
        if (!target) return { ok: true, page: await client.createPage(body), diagnostics };
        // The platform may ignore If-Match: compare what the author loaded with what is stored first.
        const current = await client.getPage(target.id);
        const stale =
          (target.expectedVersion !== undefined && current.version !== undefined && String(current.version) !== String(target.expectedVersion)) ||
          (target.expectedUpdatedAt !== undefined && current.updated_at !== undefined && current.updated_at !== target.expectedUpdatedAt);
        if (stale) {
          return { ok: false, status: 409, code: 'failed_precondition', message: `This page changed since you opened it (now version ${String(current.version)})`, current };
        }
        const page = await client.updatePage(target.id, body, { ifMatch: target.expectedVersion });
        invalidatePage(target.id);
        return { ok: true, page, diagnostics };
      } catch (error) {
        if (isPlatformError(error)) return { ok: false, ...(await customRefusal(text, error)), status: error.status || 502, code: error.code };
        throw error;
      }
    },
    async close() {
      if (viewOf) return;
      await cache.close?.();
      await local?.close();
    },
  };
  return self;
}
