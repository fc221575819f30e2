/**
 * The query cache shared by every app instance behind a load balancer, in
 * Redis (`REDIS_URL`). Same promise as the in-process cache: an answer is kept
 * `ttlMs`, keyed by who asks and what (so never served to another identity or
 * slice), one platform call for a crowd, dropped when its page changes.
 *
 * - Keys: `q:<sha256(scope, SQL, page generations)>`, the answer as JSON, PX ttl.
 * - Pages: each tag has a generation counter (`gen:<tag>`) folded into the key.
 *   Invalidating is one INCR: every instance's next lookup reads the new
 *   generation and so a new key. A call that was in flight when the page
 *   changed stores its answer under the old generation, where nobody looks
 *   any more; there is no window where a stale answer can be stored for later
 *   readers, and nothing to enumerate or delete (old entries expire by TTL).
 * - Single flight across instances: the first to miss takes `q:…:lock`
 *   (SET NX PX, the query's deadline); the others poll for the answer until it
 *   lands or the lock goes (the leader failed or died), then try to lead
 *   themselves. Inside one process concurrent callers also share one lookup.
 * - Fail open: every command has a timeout; when Redis is down or slow the
 *   query goes to the platform, the outage is logged once (and its end), and
 *   Redis is left alone for a second before it is tried again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CacheAnswer, ResultCache } from './query-cache';
import type { SqlResult } from './run-queries';

export interface RedisQueryCacheOptions {
  url: string;
  ttlMs: number;
  /** How long one instance may hold a query's lock: the query's own deadline and a little more. */
  lockMs?: number;
  /** Each Redis command's limit: past it Redis counts as down for this request. */
  timeoutMs?: number;
  /** How long Redis is left alone after a failure before it is tried again. */
  retryAfterMs?: number;
  /** Before every key, so several apps can share one Redis. */
  prefix?: string;
  log?: (message: string) => void;
}

/** Deletes the lock only if it is still ours: a lock that ran out may already be someone else's. */
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
/** After the leader's lock vanished without an answer, how many more times a waiter tries to lead before running alone. */
const LEAD_ATTEMPTS = 3;

type Lookup = { kind: 'hit'; value: SqlResult } | { kind: 'lead'; slot: string; token: string } | { kind: 'alone' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The URL without its password, for logs. */
export function shownRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL (not a URL)';
  }
}

export class RedisQueryCache implements ResultCache {
  readonly ttlMs: number;
  /** Platform calls this instance let through, for measurements. */
  calls = 0;
  private readonly redis: Redis;
  private readonly inFlight = new Map<string, Promise<CacheAnswer>>();
  private readonly lockMs: number;
  private readonly timeoutMs: number;
  private readonly retryAfterMs: number;
  private readonly prefix: string;
  private readonly log: (message: string) => void;
  private readonly where: string;
  /** Why Redis is not used right now, and until when; undefined while it works. */
  private outage: { reason: string; until: number } | undefined;
  private everReady = false;

  constructor(options: RedisQueryCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.lockMs = options.lockMs ?? 31_000;
    this.timeoutMs = options.timeoutMs ?? 500;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
    this.prefix = options.prefix ?? 'amdahl:qc:';
    this.log = options.log ?? ((m) => console.warn(m));
    this.where = shownRedisUrl(options.url);
    this.redis = new Redis(options.url, {
      // Fail at once while disconnected instead of queueing: the platform answers instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.timeoutMs,
      connectTimeout: Math.max(this.timeoutMs, 1_000),
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.redis.on('error', (error: Error) => this.failed(error));
    this.redis.on('ready', () => {
      this.everReady = true;
    });
  }

  async getOrRun(key: string, tags: readonly string[], run: () => Promise<SqlResult>): Promise<CacheAnswer> {
    if (this.ttlMs <= 0) return { value: await run(), cached: false };
    const flight = JSON.stringify([key, [...new Set(tags)].sort()]);
    const pending = this.inFlight.get(flight);
    if (pending) return { value: (await pending).value, cached: true };
    const call = this.lookupOrRun(key, tags, run);
    this.inFlight.set(flight, call);
    try {
      return await call;
    } finally {
      this.inFlight.delete(flight);
    }
  }

  invalidate(tag: string): void {
    if (!this.usable()) {
      this.log(`Redis query cache: could not drop the answers of ${tag} (${this.outage?.reason ?? 'not connected'}); they expire within ${this.ttlMs} ms`);
      return;
    }
    this.redis.incr(this.genKey(tag)).then(
      () => this.recovered(),
      (error: Error) => {
        this.failed(error);
        this.log(`Redis query cache: could not drop the answers of ${tag}; they expire within ${this.ttlMs} ms`);
      },
    );
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private async lookupOrRun(key: string, tags: readonly string[], run: () => Promise<SqlResult>): Promise<CacheAnswer> {
    const found = await this.lookup(key, tags);
    if (found.kind === 'hit') return { value: found.value, cached: true };
    this.calls++;
    if (found.kind === 'alone') return { value: await run(), cached: false };
    const lock = `${found.slot}:lock`;
    try {
      const value = await run();
      await this.redis.set(found.slot, JSON.stringify(value), 'PX', this.ttlMs).then(
        () => this.recovered(),
        (error: Error) => this.failed(error),
      );
      return { value, cached: false };
    } finally {
      // After the answer landed (or the run failed): waiters see the answer first, or the lock gone and lead themselves.
      this.redis.eval(RELEASE_LOCK, 1, lock, found.token).catch((error: Error) => this.failed(error));
    }
  }

  /** A fresh answer, the lock to run the query, or (Redis down, or no leader ever answered) leave to run alone. */
  private async lookup(key: string, tags: readonly string[]): Promise<Lookup> {
    if (!(await this.ready())) return { kind: 'alone' };
    try {
      const slot = await this.slot(key, tags);
      for (let attempt = 0; attempt < LEAD_ATTEMPTS; attempt++) {
        const hit = await this.redis.get(slot);
        if (hit !== null) return this.recovered({ kind: 'hit', value: JSON.parse(hit) as SqlResult });
        const token = randomUUID();
        if ((await this.redis.set(`${slot}:lock`, token, 'PX', this.lockMs, 'NX')) === 'OK') return this.recovered({ kind: 'lead', slot, token });
        const landed = await this.waitForAnswer(slot);
        if (landed !== undefined) return this.recovered({ kind: 'hit', value: landed });
      }
      return this.recovered({ kind: 'alone' });
    } catch (error) {
      this.failed(error as Error);
      return { kind: 'alone' };
    }
  }

  /** Polls until the leader's answer lands (it), or its lock is gone or ran out (undefined). */
  private async waitForAnswer(slot: string): Promise<SqlResult | undefined> {
    const until = Date.now() + this.lockMs;
    let delay = 5;
    while (Date.now() < until) {
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
      const [value, lock] = await this.redis.mget(slot, `${slot}:lock`);
      if (value != null) return JSON.parse(value) as SqlResult;
      if (lock == null) return undefined;
    }
    return undefined;
  }

  /** The Redis key of an answer: the same scope and SQL under the pages' current generations. */
  private async slot(key: string, tags: readonly string[]): Promise<string> {
    const sorted = [...new Set(tags)].sort();
    const generations = sorted.length > 0 ? await this.redis.mget(...sorted.map((t) => this.genKey(t))) : [];
    const hash = createHash('sha256')
      .update(key)
      .update('\u0000')
      .update(JSON.stringify(sorted.map((tag, i) => [tag, generations[i] ?? '0'])))
      .digest('hex');
    return `${this.prefix}q:${hash}`;
  }

  private genKey(tag: string): string {
    return `${this.prefix}gen:${tag}`;
  }

  /** Whether to use Redis for this request: connected, and not inside the pause after a failure. */
  private usable(): boolean {
    if (this.redis.status !== 'ready') return false;
    return !this.outage || Date.now() >= this.outage.until;
  }

  /** At start the first connection may still be on its way: wait for it, at most one command timeout. */
  private async ready(): Promise<boolean> {
    if (this.usable()) return true;
    if (this.everReady || !['wait', 'connecting', 'connect'].includes(this.redis.status)) {
      if (this.redis.status !== 'ready') this.failed(new Error(`not connected (${this.redis.status})`));
      return false;
    }
    await Promise.race([new Promise((resolve) => this.redis.once('ready', resolve)), sleep(this.timeoutMs)]);
    if (this.usable()) return true;
    this.failed(new Error(`no connection within ${this.timeoutMs} ms`));
    return false;
  }

  private failed(error: Error): void {
    const reason = error.message || String(error);
    if (!this.outage) this.log(`Redis query cache at ${this.where} unavailable (${reason}): queries go to the platform until it is back`);
    this.outage = { reason, until: Date.now() + this.retryAfterMs };
  }

  private recovered<T>(value?: T): T {
    if (this.outage) {
      this.outage = undefined;
      this.log(`Redis query cache at ${this.where} is back`);
    }
    return value as T;
  }
}
