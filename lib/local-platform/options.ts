import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUSINESS_NAME } from '../embed/keys';
import { parseSliceRules, type SliceRules } from '../embed/slice-rules';
import type { Diagnostic } from '../spec/diagnostics';
import type { SqlProblem } from '../spec/sql-check';

export const SCOPES = ['data:read', 'pages:read', 'pages:write', 'pages:admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The built-in key of the local platform (business `demo`, every scope). */
export const DEV_KEY = 'amdhl_local_dev';
export const DEV_BUSINESS = 'demo';

/** API versions this platform speaks; the first is the current one. */
export const API_VERSIONS = ['2026-11-01'] as const;

export interface ApiKeyConfig {
  key: string;
  business: string;
  scopes: Scope[];
  /** Shown in logs instead of the key; names the minting key inside embed tokens. */
  name?: string;
  /**
   * The slice of the business's rows this key may see (`{"channel": ["email"]}`):
   * every query it runs, and every embed it mints, sees no more.
   */
  rules?: SliceRules;
}

export interface Template {
  slug: string;
  name: string;
  description: string;
  /** `{name?, tags?, declared_queries, spec}`: what POST /pages would take. */
  page: Record<string, unknown>;
}

export interface ValidatePageResult {
  valid: boolean;
  diagnostics: Diagnostic[];
}

export type PageValidator = (body: { spec: unknown; declared_queries: unknown[] }) => Promise<ValidatePageResult>;

/** Refuses SQL before it reaches a database; an empty array lets it through. */
export type SqlChecker = (sql: string) => SqlProblem[] | Promise<SqlProblem[]>;

export interface WebhookRetryOptions {
  /** Attempts in all, the first included. Default 6. */
  attempts: number;
  /** Wait before the second attempt; doubles each time. Default 1000 ms. */
  baseDelayMs: number;
  /** Cap on the wait between attempts. Default 60 s. */
  maxDelayMs: number;
  /** One attempt's time limit. Default 10 s. */
  timeoutMs: number;
}

export interface LocalPlatformOptions {
  /** Where every business keeps its data: `<dir>/businesses/<business>/`. Default `.amdahl` in cwd. */
  dir?: string;
  keys?: ApiKeyConfig[];
  /** Accept the built-in key `amdhl_local_dev`. Default true; turn it off when listening beyond loopback. */
  allowDevKey?: boolean;
  /** Most rows one query returns; past it `truncated` is true. Default 10000. */
  rowCap?: number;
  /** A query running longer is stopped and answered 504. Default 15000 ms. */
  queryTimeoutMs?: number;
  /** Requests per key per window. Default 600 per 60 s. */
  rateLimit?: { limit: number; windowSeconds: number };
  validatePage?: PageValidator;
  /** Default: lib/spec/sql-check with `interactions` as the only table. */
  checkSql?: SqlChecker;
  /** Served by GET /pages/templates. Default: every `*.json` in `templatesDir`, sorted by slug. */
  templates?: Template[];
  /** Where the default templates are read. Default: templates/ beside this module, else `<cwd>/lib/local-platform/templates`. */
  templatesDir?: string;
  now?: () => Date;
  /** The database worker script. Default: db-worker.mjs beside this module, else `<cwd>/lib/local-platform/db-worker.mjs`. */
  workerPath?: string;
  /** The demo pages. Default: seed-pages/ beside this module, else `<cwd>/lib/local-platform/seed-pages`. */
  seedPagesDir?: string;
  /** Origin of embed URLs. Default: the origin of the request. */
  embedBaseUrl?: string;
  /** Default lifetime of an embed token. Default 3600 s. */
  embedTtlSeconds?: number;
  webhookRetry?: Partial<WebhookRetryOptions>;
  /**
   * Where a pristine initdb'd cluster is saved (a tar), so that later new
   * businesses skip initdb. Default `<dir>/pglite-initdb.tar`; false disables.
   * Several platforms may share one file (tests do).
   */
  initdbTemplate?: string | false;
  /** Businesses whose databases ready() starts. Default: every business a key names. */
  warmBusinesses?: string[];
  /** Where operational messages go. Default: nowhere. */
  log?: (message: string) => void;
  /** A file that gets one JSON line per statement run (time, business, key id, SQL digest, slice): who asked the database what. */
  queryLog?: string;
  /**
   * Test-only latency, never on by default: `fixedMs` waits that long before
   * every statement; `fromComments` honours a `/* delay:<ms> *\/` comment in
   * the SQL. The wait is outside the database, so delayed statements overlap
   * as a remote platform's would (PGlite itself runs one statement at a time).
   */
  queryDelay?: QueryDelay;
}

export interface QueryDelay {
  fixedMs?: number;
  fromComments?: boolean;
}

export interface ResolvedOptions {
  dir: string;
  keys: ApiKeyConfig[];
  allowDevKey: boolean;
  rowCap: number;
  queryTimeoutMs: number;
  rateLimit: { limit: number; windowSeconds: number };
  validatePage?: PageValidator;
  checkSql?: SqlChecker;
  templates: Template[];
  now: () => Date;
  workerPath?: string;
  seedPagesDir?: string;
  embedBaseUrl?: string;
  embedTtlSeconds: number;
  webhookRetry: WebhookRetryOptions;
  initdbTemplate: string | false;
  warmBusinesses?: string[];
  log: (message: string) => void;
  queryLog?: string;
  queryDelay?: QueryDelay;
}

export { BUSINESS_NAME };

function positiveInt(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`createLocalPlatform: ${what} must be a positive integer`);
  return value;
}

/** `explicit`, else `relative` beside this module, else under `<cwd>/lib/local-platform/` (whichever exists). */
export function locate(explicit: string | undefined, relative: string): string {
  if (explicit) return path.resolve(/* turbopackIgnore: true */ explicit);
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), relative));
  } catch {
    // not a file URL (a bundle): the working directory decides
  }
  candidates.push(path.join(process.cwd(), 'lib', 'local-platform', relative));
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1]!;
}

/**
 * Every `*.json` in `dir` as a template, sorted by slug; none when the folder is
 * missing. The files ship with the code, so a malformed one throws at start.
 */
export function readTemplates(dir: string): Template[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const templates = names.map((name) => {
    const file = path.join(dir, name);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<Template>;
    const page = doc.page as Record<string, unknown> | undefined;
    if (typeof doc.slug !== 'string' || typeof doc.name !== 'string' || typeof doc.description !== 'string' || !page || typeof page !== 'object' || !page.spec) {
      throw new TypeError(`createLocalPlatform: template ${file} needs "slug", "name", "description" and "page" with a "spec"`);
    }
    return { slug: doc.slug, name: doc.name, description: doc.description, page };
  });
  return templates.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function resolveOptions(options: LocalPlatformOptions): ResolvedOptions {
  const keys = (options.keys ?? []).map((k, i) => {
    if (typeof k.key !== 'string' || k.key.length < 8) throw new TypeError(`createLocalPlatform: keys[${i}].key must be at least 8 characters`);
    if (!BUSINESS_NAME.test(k.business ?? '')) {
      throw new TypeError(`createLocalPlatform: keys[${i}].business must match ${BUSINESS_NAME} (it names a directory)`);
    }
    for (const s of k.scopes ?? []) {
      if (!(SCOPES as readonly string[]).includes(s)) throw new TypeError(`createLocalPlatform: keys[${i}] has an unknown scope "${s}"`);
    }
    const rules = parseSliceRules(k.rules);
    if (!rules.ok) throw new TypeError(`createLocalPlatform: keys[${i}].${rules.message}`);
    return { ...k, scopes: [...(k.scopes ?? [])], rules: rules.rules };
  });
  const rateLimit = options.rateLimit ?? { limit: 600, windowSeconds: 60 };
  // Run-time data, not a source: keep the bundler from tracing the whole project through it.
  const dir = path.resolve(/* turbopackIgnore: true */ options.dir ?? path.join(process.cwd(), '.amdahl'));
  return {
    dir,
    keys,
    allowDevKey: options.allowDevKey ?? true,
    rowCap: positiveInt(options.rowCap, 10_000, 'rowCap'),
    queryTimeoutMs: positiveInt(options.queryTimeoutMs, 15_000, 'queryTimeoutMs'),
    rateLimit: {
      limit: positiveInt(rateLimit.limit, 600, 'rateLimit.limit'),
      windowSeconds: positiveInt(rateLimit.windowSeconds, 60, 'rateLimit.windowSeconds'),
    },
    validatePage: options.validatePage,
    checkSql: options.checkSql,
    templates: options.templates ?? readTemplates(locate(options.templatesDir, 'templates')),
    now: options.now ?? (() => new Date()),
    workerPath: options.workerPath,
    seedPagesDir: options.seedPagesDir,
    embedBaseUrl: options.embedBaseUrl,
    embedTtlSeconds: positiveInt(options.embedTtlSeconds, 3600, 'embedTtlSeconds'),
    webhookRetry: {
      attempts: positiveInt(options.webhookRetry?.attempts, 6, 'webhookRetry.attempts'),
      baseDelayMs: positiveInt(options.webhookRetry?.baseDelayMs, 1000, 'webhookRetry.baseDelayMs'),
      maxDelayMs: positiveInt(options.webhookRetry?.maxDelayMs, 60_000, 'webhookRetry.maxDelayMs'),
      timeoutMs: positiveInt(options.webhookRetry?.timeoutMs, 10_000, 'webhookRetry.timeoutMs'),
    },
    initdbTemplate:
      options.initdbTemplate === false ? false : path.resolve(/* turbopackIgnore: true */ options.initdbTemplate ?? path.join(dir, 'pglite-initdb.tar')),
    warmBusinesses: options.warmBusinesses,
    log: options.log ?? (() => undefined),
    queryLog: options.queryLog ? path.resolve(/* turbopackIgnore: true */ options.queryLog) : undefined,
    queryDelay: options.queryDelay,
  };
}

/**
 * Options from the environment:
 * - `AMDAHL_LOCAL_DIR`: data directory (default `.amdahl` in cwd).
 * - `AMDAHL_LOCAL_KEYS`: a JSON array of keys,
 *   `[{"key":"amdhl_<hex>","business":"demo","scopes":["data:read","pages:read","pages:write","pages:admin"],"name":"ci"}]`.
 *   `business` is a lowercase name (letters, digits, `_`, `-`; it names a directory).
 * - `AMDAHL_LOCAL_DEV_KEY`: `0`/`false` refuses the built-in key `amdhl_local_dev`.
 * - `AMDAHL_LOCAL_ROW_CAP`, `AMDAHL_LOCAL_QUERY_TIMEOUT_MS`: positive integers.
 * - `AMDAHL_LOCAL_RATE_LIMIT`: `<limit>/<windowSeconds>`, e.g. `600/60`.
 * - `AMDAHL_LOCAL_QUERY_LOG`: a file that gets one JSON line per statement run.
 * - Test-only latency: `AMDAHL_LOCAL_QUERY_DELAY_MS` (every statement waits that
 *   long) and `AMDAHL_LOCAL_QUERY_DELAY_COMMENTS=1` (a `/* delay:<ms> *\/`
 *   comment in the SQL is honoured). Off unless set.
 * Anything malformed throws: a typo in a key list must not silently leave only the dev key.
 */
export function localPlatformOptionsFromEnv(env: Record<string, string | undefined> = process.env): LocalPlatformOptions {
  const options: LocalPlatformOptions = {};
  if (env.AMDAHL_LOCAL_DIR) options.dir = path.resolve(/* turbopackIgnore: true */ env.AMDAHL_LOCAL_DIR);
  if (env.AMDAHL_LOCAL_KEYS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.AMDAHL_LOCAL_KEYS);
    } catch {
      throw new TypeError('AMDAHL_LOCAL_KEYS must be a JSON array such as [{"key":"amdhl_...","business":"demo","scopes":["data:read"]}]');
    }
    if (!Array.isArray(parsed)) throw new TypeError('AMDAHL_LOCAL_KEYS must be a JSON array');
    options.keys = parsed.map((entry, i) => {
      const e = entry as Record<string, unknown>;
      if (!e || typeof e !== 'object' || typeof e.key !== 'string' || typeof e.business !== 'string' || !Array.isArray(e.scopes)) {
        throw new TypeError(`AMDAHL_LOCAL_KEYS[${i}] needs "key" (string), "business" (string) and "scopes" (array)`);
      }
      return {
        key: e.key,
        business: e.business,
        scopes: e.scopes as Scope[],
        ...(typeof e.name === 'string' ? { name: e.name } : {}),
        ...(e.rules !== undefined ? { rules: e.rules as SliceRules } : {}),
      };
    });
  }
  if (env.AMDAHL_LOCAL_DEV_KEY !== undefined && env.AMDAHL_LOCAL_DEV_KEY !== '') {
    options.allowDevKey = !/^(0|false|no|off)$/i.test(env.AMDAHL_LOCAL_DEV_KEY);
  }
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new TypeError(`${name} must be a positive integer`);
    return n;
  };
  options.rowCap = int('AMDAHL_LOCAL_ROW_CAP');
  options.queryTimeoutMs = int('AMDAHL_LOCAL_QUERY_TIMEOUT_MS');
  const rl = env.AMDAHL_LOCAL_RATE_LIMIT;
  if (rl) {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(rl);
    if (!m) throw new TypeError('AMDAHL_LOCAL_RATE_LIMIT must look like <limit>/<windowSeconds>, e.g. 600/60');
    options.rateLimit = { limit: Number(m[1]), windowSeconds: Number(m[2]) };
  }
  if (env.AMDAHL_LOCAL_QUERY_LOG) options.queryLog = env.AMDAHL_LOCAL_QUERY_LOG;
  const fixedMs = int('AMDAHL_LOCAL_QUERY_DELAY_MS');
  const comments = env.AMDAHL_LOCAL_QUERY_DELAY_COMMENTS;
  if (comments && !/^(0|1|true|false|yes|no|on|off)$/i.test(comments)) throw new TypeError('AMDAHL_LOCAL_QUERY_DELAY_COMMENTS must be 1 or 0');
  const fromComments = comments !== undefined && /^(1|true|yes|on)$/i.test(comments);
  if (fixedMs !== undefined || fromComments) options.queryDelay = { ...(fixedMs !== undefined ? { fixedMs } : {}), ...(fromComments ? { fromComments } : {}) };
  for (const k of Object.keys(options) as (keyof LocalPlatformOptions)[]) {
    if (options[k] === undefined) delete options[k];
  }
  return options;
}
