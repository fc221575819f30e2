import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from './errors';
import type { SliceRules } from '../embed/slice-rules';
import { READER_ROLE, SEARCH_ROLE, SEED_VERSION, SLICE_SETTING, profileFor, seedSql } from './seed';

export interface QueryColumn {
  name: string;
  /** Postgres's name for the type (format_type), with timestamptz/timestamp shortened. */
  type: string;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  columns: QueryColumn[];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
}

export interface StartInfo {
  seeded: boolean;
  /** A fresh data directory made from the saved initdb template rather than by initdb. */
  fromTemplate: boolean;
  openMs: number;
  seedMs: number;
  rowCount: number;
  /** Wall time from spawning the worker to its first answer. */
  startMs: number;
}

/** What a platform statement answers: rows as objects, values JSON-safe. */
export interface PlatformQueryResult {
  rows: Record<string, unknown>[];
  row_count: number;
  elapsed_ms: number;
}

type WorkerQuery = { type: 'query'; sql: string; slice?: SliceRules } | { type: 'platform'; sql: string; params: readonly unknown[]; slice?: SliceRules };

interface WorkerError {
  message: string;
  sqlstate?: string;
  position?: number;
  detail?: string;
  hint?: string;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WorkerError };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export interface BusinessDatabaseOptions {
  business: string;
  /** `<dir>/businesses/<business>/pgdata` */
  dataDir: string;
  workerPath: string;
  rowCap: number;
  queryTimeoutMs: number;
  /** Opening and, on the first start, seeding (initdb alone takes seconds). */
  startTimeoutMs?: number;
  /** Shared by the businesses of one platform: initdb runs once, the others copy its result. */
  template?: InitdbTemplate;
  log?: (message: string) => void;
}

/**
 * A pristine initdb'd cluster saved as a tar file. initdb takes seconds (more
 * when two run at once on two cores); loading the tar takes about one. The
 * first fresh database makes it; fresh databases starting meanwhile wait for it.
 */
export class InitdbTemplate {
  private making: Promise<void> | null = null;

  constructor(readonly file: string) {}

  async claim(): Promise<{ make: boolean; done: () => void }> {
    const noop = () => undefined;
    while (this.making) await this.making;
    if (existsSync(this.file)) return { make: false, done: noop };
    let finish!: () => void;
    this.making = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let finished = false;
    return {
      make: true,
      done: () => {
        if (finished) return;
        finished = true;
        this.making = null;
        finish();
      },
    };
  }
}

/**
 * One business's PGlite database, run in its own worker thread. Queries are
 * sent one at a time (PGlite has one connection); each has its own deadline,
 * counted from the moment it reaches the worker. Past the deadline the worker
 * is terminated, which is the only way to stop a PGlite query, and a new one
 * is opened on the same data directory.
 */
export class BusinessDatabase {
  private worker: Worker | null = null;
  private starting: Promise<StartInfo> | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  lastStart: StartInfo | null = null;
  restarts = 0;

  constructor(private readonly options: BusinessDatabaseOptions) {}

  /** Starts the worker if none runs; resolves when the database answers queries. */
  start(): Promise<StartInfo> {
    if (this.closed) return Promise.reject(new ApiError('unavailable', 'the local platform is shutting down'));
    if (!this.starting) {
      this.starting = this.spawn();
      // A failed start is not cached: the next call tries again.
      this.starting.catch(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  private async spawn(): Promise<StartInfo> {
    const { business, dataDir, workerPath, template } = this.options;
    const started = performance.now();
    const fresh = !existsSync(path.join(path.dirname(dataDir), 'pgdata.ready'));
    const claim = fresh && template ? await template.claim() : { make: false, done: () => undefined };
    if (this.closed) {
      claim.done();
      throw new ApiError('unavailable', 'the local platform is shutting down');
    }
    const worker = new Worker(workerPath, {
      workerData: {
        dataDir,
        setupSql: seedSql(profileFor(business)),
        setupVersion: SEED_VERSION,
        readerRole: READER_ROLE,
        searchRole: SEARCH_ROLE,
        sliceSetting: SLICE_SETTING,
        templateFile: template?.file,
        makeTemplate: claim.make,
      },
      stdout: false,
      stderr: false,
      // A runaway result on the JS side ends this worker, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.worker = worker;
    return new Promise<StartInfo>((resolve, reject) => {
      let ready = false;
      const startTimer = setTimeout(() => {
        if (ready) return;
        void worker.terminate();
        reject(new ApiError('unavailable', `the database of business "${business}" did not start in time`));
      }, this.options.startTimeoutMs ?? 180_000);
      worker.on('message', (msg: { type?: string } & Partial<Reply> & Record<string, unknown>) => {
        if (msg.type === 'notice') {
          this.options.log?.(`business ${business}: ${String(msg.message)}`);
          return;
        }
        if (msg.type === 'template') {
          claim.done();
          return;
        }
        if (msg.type === 'ready') {
          ready = true;
          clearTimeout(startTimer);
          claim.done();
          const info: StartInfo = {
            seeded: Boolean(msg.seeded),
            fromTemplate: Boolean(msg.fromTemplate),
            openMs: Number(msg.openMs),
            seedMs: Number(msg.seedMs),
            rowCount: Number(msg.rowCount),
            startMs: Math.round(performance.now() - started),
          };
          this.lastStart = info;
          this.options.log?.(
            `business ${business}: database ${info.seeded ? `created${info.fromTemplate ? ' from the initdb template' : ''} and seeded` : 'reopened'} in ${info.startMs} ms`,
          );
          resolve(info);
          return;
        }
        if (msg.type === 'fatal') {
          this.options.log?.(`business ${business}: database worker failed: ${String(msg.message)}`);
          if (!ready) {
            clearTimeout(startTimer);
            reject(new ApiError('internal', `the database of business "${business}" could not be opened`));
          }
          return;
        }
        if (typeof msg.id === 'number') {
          const p = this.pending.get(msg.id);
          if (!p) return;
          this.pending.delete(msg.id);
          const reply = msg as Reply;
          if (reply.ok) p.resolve(reply.result);
          else p.reject(toApiError(reply.error));
        }
      });
      worker.on('error', (err) => {
        this.options.log?.(`business ${business}: database worker error: ${err.message}`);
      });
      worker.on('exit', () => {
        clearTimeout(startTimer);
        claim.done();
        if (this.worker === worker) {
          this.worker = null;
          this.starting = null;
        }
        if (!ready) reject(new ApiError('internal', `the database of business "${business}" could not be opened`));
        // Whatever was in flight on this worker will never be answered.
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          p.reject(new ApiError('internal', 'the database stopped while running the query'));
        }
      });
    });
  }

  /**
   * Runs one read-only statement; at most rowCap rows come back. A slice
   * narrows the rows of interactions the statement can see, inside the
   * database (row-level security), for this statement only.
   */
  query(sql: string, slice?: SliceRules): Promise<QueryResult> {
    return this.enqueue<QueryResult>({ type: 'query', sql, slice });
  }

  /**
   * Runs one of the platform's own parameterised statements (search), never
   * user text as SQL, under the same rules as user SQL: read only, as the
   * search role (seed-search.ts), within the slice, the row cap and the deadline.
   */
  platformQuery(sql: string, params: readonly unknown[], slice?: SliceRules): Promise<PlatformQueryResult> {
    return this.enqueue<PlatformQueryResult>({ type: 'platform', sql, params, slice });
  }

  private enqueue<T>(message: WorkerQuery): Promise<T> {
    const run = this.queue.then(
      () => this.runOne<T>(message),
      () => this.runOne<T>(message),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOne<T>({ slice, ...message }: WorkerQuery): Promise<T> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new ApiError('unavailable', 'the database is restarting; try again');
    const id = this.nextId++;
    const { queryTimeoutMs, rowCap } = this.options;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        reject(
          new ApiError('deadline_exceeded', `the query ran past the ${queryTimeoutMs} ms limit and was stopped`, {
            timeout_ms: queryTimeoutMs,
          }),
        );
        this.restart(worker);
      }, queryTimeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      worker.postMessage({ id, ...message, rowCap, ...(slice ? { slice: JSON.stringify(slice) } : {}) });
    });
  }

  /** Stops a worker stuck in a query and opens the data directory again. */
  private restart(worker: Worker): void {
    this.restarts++;
    if (this.worker === worker) {
      this.worker = null;
      this.starting = null;
    }
    void worker.terminate().then(() => {
      // Reopen now so the next query does not wait for it.
      if (!this.closed) this.start().catch(() => undefined);
    });
  }

  /** Closes the database cleanly (a checkpoint-free shutdown of PGlite), or terminates it. */
  async close(): Promise<void> {
    this.closed = true;
    const starting = this.starting;
    if (starting) await starting.catch(() => undefined);
    await this.queue.catch(() => undefined);
    const worker = this.worker;
    if (!worker) return;
    const id = this.nextId++;
    const done = new Promise<void>((resolve) => {
      this.pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ id, type: 'close' });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([done, timeout]);
    await worker.terminate();
    this.worker = null;
  }
}

/**
 * What Postgres said, turned into a contract error. A refusal caused by the
 * statement (syntax, unknown column, permission, read-only violation, limits)
 * is the caller's: 400 with Postgres's message. Anything else is ours: 500
 * without detail.
 */
function toApiError(error: WorkerError): ApiError {
  const state = error.sqlstate ?? '';
  const cls = state.slice(0, 2);
  if (state === '57014') return new ApiError('deadline_exceeded', 'the query was cancelled');
  const internal = cls === 'XX' || cls === '58' || cls === 'F0' || cls === '57' || state === '';
  if (internal) return new ApiError('internal', 'the database failed to run the query');
  const details: Record<string, unknown> = { sqlstate: state };
  if (error.position !== undefined) details.offset = error.position;
  if (error.hint) details.hint = error.hint;
  if (error.detail) details.detail = error.detail;
  return new ApiError('invalid_argument', error.message, details);
}
