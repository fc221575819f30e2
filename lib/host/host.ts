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
import { QueryCache, runQueries, type QueryOutcome } from '../render/run-queries';
import { createPlatformClient, isPlatformError, type Page as StoredPage, type PlatformClient } from '../platform';
import { createLocalPlatform, localPlatformOptionsFromEnv, type LocalPlatform, type PageValidator } from '../local-platform';
import { isLoopback } from '../local-platform/serve';
import { createStudioAuth, type StudioAuth } from './studio-auth';

export type Env = Record<string, string | undefined>;

export const LOCAL_DEV_KEY = 'amdhl_local_dev';
const LOCAL_BASE_URL = 'http://local.amdahl.invalid/api/platform/v1';

export interface RenderData {
  page: CanonicalPage;
  outcomes: Record<string, QueryOutcome>;
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
  preview(text: string, params?: Record<string, unknown>): Promise<PreviewResult>;
  /** A stored page, normalised, with its queries run: the view and embed routes. */
  render(page: StoredPage, params?: Record<string, unknown>): Promise<RenderData>;
  savePage(text: string, target?: { id: string; expectedVersion?: number | string; expectedUpdatedAt?: string }): Promise<SaveResult>;
  /** Sign-in for the studio when it listens beyond loopback. */
  readonly auth: StudioAuth;
  close(): Promise<void>;
}

export interface HostOptions {
  catalog: Catalog;
  env: Env;
}

/** The local platform's `POST /pages/validate`: the same library, on a body that carries no page name. */
export function platformPageValidator(catalog: Catalog): PageValidator {
  return async (body) => {
    await loadSqlParser();
    const diagnostics = validatePage(body, catalog, { requireName: false });
    return { valid: !hasErrors(diagnostics), diagnostics };
  };
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

export function createHost({ catalog, env }: HostOptions): Host {
  const remoteUrl = env.AMDAHL_URL?.trim();
  let local: LocalPlatform | undefined;
  let client: PlatformClient;
  let clientFor: (apiKey: string) => PlatformClient;
  if (remoteUrl) {
    const apiKey = env.API_KEY?.trim();
    if (!apiKey) throw new Error('AMDAHL_URL is set but API_KEY is not: set API_KEY to a key for that platform');
    clientFor = (key) => createPlatformClient({ baseUrl: `${remoteUrl.replace(/\/+$/, '')}/api/platform/v1`, apiKey: key, apiVersion: env.AMDAHL_API_VERSION || undefined });
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
    });
    const handler = local;
    clientFor = (key) => createPlatformClient({ baseUrl: LOCAL_BASE_URL, apiKey: key, fetch: (request: Request) => handler.handle(request) });
    client = clientFor(env.API_KEY?.trim() || LOCAL_DEV_KEY);
  }
  const cache = new QueryCache(Number(env.AMDAHL_QUERY_CACHE_MS ?? 30_000));
  const auth = createStudioAuth({
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

  async function renderPage(page: CanonicalPage, diagnostics: Diagnostic[], params: Record<string, unknown>): Promise<RenderData> {
    // Never send a query the validator refused to the platform.
    const refused = new Set<string>();
    for (const d of diagnostics) {
      const m = /^\/declared_queries\/(\d+)\//.exec(d.pointer);
      if (m && d.severity === 'error') refused.add(page.declared_queries[Number(m[1])]?.name ?? '');
    }
    const runnable = { ...page, declared_queries: page.declared_queries.filter((q) => !refused.has(q.name)) };
    const plan = planPage(runnable, catalog, params);
    const outcomes = await runQueries(plan, {
      params,
      cache,
      timeoutMs: Number(env.AMDAHL_QUERY_TIMEOUT_MS ?? 30_000),
      runSql: (sql, signal) => client.query(sql, { signal }),
    });
    for (const name of refused) {
      if (name && outcomes[name]?.ok === false && outcomes[name].error.code === 'unbound_query') {
        outcomes[name] = { ok: false, error: { code: 'invalid_query', message: `"${name}" has errors; fix them to run it` } };
      }
    }
    return { page, outcomes, diagnostics };
  }

  return {
    mode: local ? 'local' : 'remote',
    client,
    local,
    auth,
    validate,
    async preview(text, params = {}) {
      const diagnostics = await validate(text);
      const value = jsonValue(text);
      if (!isObject(value)) return { diagnostics };
      return { diagnostics, render: await renderPage(normalisePage(value), diagnostics, params) };
    },
    async render(stored, params = {}) {
      const value = { name: stored.name, tags: stored.tags, declared_queries: stored.declared_queries, spec: stored.spec };
      const diagnostics = await validate(value);
      return renderPage(normalisePage(value), diagnostics, params);
    },
    async savePage(text, target) {
      const diagnostics = await validate(text);
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
        return { ok: true, page, diagnostics };
      } catch (error) {
        if (isPlatformError(error)) return { ok: false, status: error.status || 502, code: error.code, message: error.message };
        throw error;
      }
    },
    async close() {
      await local?.close();
    },
  };
}
