/**
 * One call to the platform: build the request, pass the limiter, send it
 * through the injected fetch with a per-attempt timeout, read and unwrap the
 * body, turn any failure into a PlatformError, and retry within the call's
 * total deadline. Everything after this works on decoded JSON.
 */
import {
  PlatformError,
  parseBodyText,
  parseErrorBody,
  parseRetryAfterHeader,
  requestIdFrom,
  toolFailureIn,
  unwrapEnvelope,
} from './errors';
import { RequestLimiter, abortReason, type Sleep } from './limiter';
import { readRateLimit, type RateLimitInfo } from './rate-limit';
import { networkMessage, provesNotSent, retryDelay, shouldRetry, type FailedAttempt, type RetryOptions } from './retry';

/** Global `fetch`, or any `(Request) => Promise<Response>` such as the local platform's handler. */
export type FetchLike = (request: Request) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

/** Per-call overrides every client method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** For the whole call, retries and waits included. */
  deadlineMs?: number;
}

export interface RequestSpec extends CallOptions {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: QueryParams;
  /** Serialised as JSON when not undefined. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to send twice. Defaults: GET, PUT and DELETE yes; PATCH only with
   * If-Match; POST no (the client marks its read-only POSTs).
   */
  idempotent?: boolean;
  /**
   * A 404 that follows an attempt which may have been processed (timeout,
   * reset, 5xx) means the earlier attempt did the job: answer it as success.
   * For deletes.
   */
  notFoundAfterRetryIsDone?: boolean;
}

export interface ResponseInfo {
  method: HttpMethod;
  path: string;
  status: number;
  attempt: number;
  elapsedMs: number;
  requestId?: string;
  apiVersion?: string;
  rateLimit?: RateLimitInfo;
}

export interface RawResult {
  status: number;
  headers: Headers;
  /** Parsed JSON with a lone `data` envelope unwrapped; undefined for an empty body. */
  body: unknown;
  attempts: number;
  requestId?: string;
}

export interface TransportConfig {
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  apiVersion: string;
  userAgent: string;
  timeoutMs: number;
  deadlineMs: number;
  retry: RetryOptions;
  limiter: RequestLimiter;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  onResponse?: (info: ResponseInfo) => void;
}

/** Why an attempt's own signal fired. */
class AttemptTimeout extends Error {
  constructor(
    readonly ms: number,
    readonly byDeadline: boolean,
  ) {
    super(byDeadline ? `call deadline reached after ${ms} ms` : `attempt timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Settle with `promise`, or reject as soon as `signal` aborts; a late rejection of `promise` is swallowed. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rel = path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${base}${rel}${qs ? `?${qs}` : ''}`;
}

function defaultIdempotent(spec: RequestSpec): boolean {
  if (spec.idempotent !== undefined) return spec.idempotent;
  if (spec.method === 'GET' || spec.method === 'PUT' || spec.method === 'DELETE') return true;
  if (spec.method === 'PATCH') return Object.keys(spec.headers ?? {}).some((h) => h.toLowerCase() === 'if-match');
  return false;
}

type AttemptOutcome = { ok: true; result: RawResult } | ({ ok: false } & FailedAttempt);

export class Transport {
  /** Rate-limit headers of the last response that had them. */
  rateLimit: RateLimitInfo | undefined;
  /** `X-Amdahl-API-Version` echoed by the last response that had it. */
  apiVersion: string | undefined;

  constructor(private readonly config: TransportConfig) {}

  async send(spec: RequestSpec): Promise<RawResult> {
    const { config } = this;
    const deadlineMs = spec.deadlineMs ?? config.deadlineMs;
    // Bounds the limiter's queue too, in real time, whatever `now` says.
    const callController = new AbortController();
    const callTimer = setTimeout(() => callController.abort(new AttemptTimeout(deadlineMs, true)), Math.max(0, deadlineMs));
    const callSignal = spec.signal ? AbortSignal.any([spec.signal, callController.signal]) : callController.signal;
    try {
      return await this.sendWithin(spec, callSignal, config.now() + deadlineMs, deadlineMs);
    } finally {
      clearTimeout(callTimer);
    }
  }

  private async sendWithin(spec: RequestSpec, callSignal: AbortSignal, deadlineAt: number, deadlineMs: number): Promise<RawResult> {
    const { config } = this;
    const idempotent = defaultIdempotent(spec);
    const timeoutMs = spec.timeoutMs ?? config.timeoutMs;
    const maxAttempts = Math.max(1, Math.floor(config.retry.maxAttempts));
    let mayHaveBeenProcessed = false;

    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) throw this.cancelled(spec, attempt - 1, spec.signal);

      const outcome = await this.attempt(spec, attempt, callSignal, deadlineAt, deadlineMs, timeoutMs);
      if (outcome.ok) return outcome.result;

      const { error } = outcome;
      if (spec.notFoundAfterRetryIsDone && mayHaveBeenProcessed && error.status === 404) {
        return { status: 404, headers: new Headers(), body: undefined, attempts: attempt };
      }
      error.attempts = attempt;
      if (!outcome.notSent && error.status !== 429) mayHaveBeenProcessed = true;
      if (attempt >= maxAttempts || !shouldRetry(outcome, idempotent)) throw error;

      const wait = retryDelay(error, attempt, config.retry, config.random);
      // Never sleep past the deadline: fail now with the error in hand.
      if (config.now() + wait >= deadlineAt) throw error;
      try {
        await config.sleep(wait, callSignal);
      } catch {
        // A sleep fails only when the signal aborts; handled just below.
      }
      if (spec.signal?.aborted) throw this.cancelled(spec, attempt, spec.signal);
      if (callSignal.aborted) throw error;
    }
  }

  private async attempt(
    spec: RequestSpec,
    attempt: number,
    callSignal: AbortSignal,
    deadlineAt: number,
    deadlineMs: number,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const { config } = this;
    let release: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let signal = callSignal;
    try {
      // Queueing in the limiter counts against the call's deadline, not the attempt's timeout.
      try {
        release = await config.limiter.acquire(callSignal, deadlineAt);
      } catch (error) {
        if (error instanceof PlatformError) return { ok: false, error, notSent: true, final: true };
        throw error;
      }
      const started = config.now();
      const left = deadlineAt - started;
      if (left <= 0) return { ok: false, error: this.deadlineError(spec, deadlineMs, attempt - 1), notSent: true, final: true };
      const byDeadline = left <= timeoutMs;
      const controller = new AbortController();
      timer = setTimeout(
        () => controller.abort(new AttemptTimeout(byDeadline ? deadlineMs : timeoutMs, byDeadline)),
        Math.max(0, Math.min(timeoutMs, left)),
      );
      signal = AbortSignal.any([callSignal, controller.signal]);

      const request = this.buildRequest(spec, signal);
      const response = await raceAbort(Promise.resolve().then(() => config.fetch(request)), signal);
      if (!response || typeof response.status !== 'number' || typeof response.text !== 'function') {
        return {
          ok: false,
          error: new PlatformError({ status: 0, code: 'invalid_response', message: 'fetch resolved to something that is not a Response', method: spec.method, path: spec.path }),
          notSent: false,
          final: true,
        };
      }
      let text: string;
      try {
        text = await raceAbort(response.text(), signal);
      } catch (error) {
        response.body?.cancel().catch(() => {});
        throw error;
      }
      return this.interpret(spec, response, text, attempt, started);
    } catch (error) {
      return this.classifyThrown(spec, error, signal);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      release?.();
    }
  }

  private buildRequest(spec: RequestSpec, signal: AbortSignal): Request {
    const { config } = this;
    const headers = new Headers({
      Accept: 'application/json',
      Authorization: `Bearer ${config.apiKey}`,
      'X-Amdahl-API-Version': config.apiVersion,
      'User-Agent': config.userAgent,
    });
    for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
    const init: RequestInit = { method: spec.method, headers, signal };
    if (spec.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      init.body = JSON.stringify(spec.body);
    }
    return new Request(buildUrl(config.baseUrl, spec.path, spec.query), init);
  }

  private interpret(spec: RequestSpec, response: Response, text: string, attempt: number, started: number): AttemptOutcome {
    const { config } = this;
    const now = config.now();
    const headers = response.headers;
    const rateLimit = readRateLimit(headers, now);
    const apiVersion = headers.get('x-amdahl-api-version') ?? undefined;
    const requestId = requestIdFrom(headers);
    if (rateLimit) {
      this.rateLimit = rateLimit;
      config.limiter.observe(rateLimit);
    }
    if (apiVersion) this.apiVersion = apiVersion;
    if (config.onResponse) {
      try {
        config.onResponse({
          method: spec.method,
          path: spec.path,
          status: response.status,
          attempt,
          elapsedMs: now - started,
          ...(requestId ? { requestId } : {}),
          ...(apiVersion ? { apiVersion } : {}),
          ...(rateLimit ? { rateLimit } : {}),
        });
      } catch {
        // An observer must not break the call.
      }
    }
    const where = { method: spec.method, path: spec.path, ...(requestId ? { requestId } : {}) };

    if (response.status >= 200 && response.status < 300) {
      let parsed: unknown;
      if (text.trim() !== '') {
        try {
          parsed = JSON.parse(text) as unknown;
        } catch (error) {
          return {
            ok: false,
            error: new PlatformError({
              status: response.status,
              code: 'invalid_response',
              message: `malformed JSON in the response to ${spec.method} ${spec.path}: ${(error as Error).message}`,
              body: text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
              ...where,
            }),
            notSent: false,
            final: true,
          };
        }
      }
      const failure = toolFailureIn(parsed);
      if (failure) {
        return {
          ok: false,
          error: new PlatformError({ status: response.status, code: failure.code ?? 'internal', message: failure.message, body: parsed, ...where }),
          notSent: false,
          final: true,
        };
      }
      return {
        ok: true,
        result: { status: response.status, headers, body: unwrapEnvelope(parsed), attempts: attempt, ...(requestId ? { requestId } : {}) },
      };
    }

    const body = parseBodyText(text);
    const parsed = parseErrorBody(body, response.status);
    const waits = [parseRetryAfterHeader(headers.get('retry-after'), now), parsed.retryAfterMs].filter(
      (n): n is number => n !== undefined,
    );
    let retryAfterMs = waits.length > 0 ? Math.max(...waits) : undefined;
    if (retryAfterMs === undefined && response.status === 429 && rateLimit?.remaining === 0 && rateLimit.resetAt !== undefined) {
      retryAfterMs = Math.max(0, rateLimit.resetAt - now);
    }
    const error = new PlatformError({
      status: response.status,
      code: parsed.code,
      message: parsed.message,
      body,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(parsed.details !== undefined ? { details: parsed.details } : {}),
      method: spec.method,
      path: spec.path,
      ...(requestId ?? parsed.requestId ? { requestId: requestId ?? parsed.requestId } : {}),
    });
    return { ok: false, error, notSent: false, final: false };
  }

  private classifyThrown(spec: RequestSpec, error: unknown, signal: AbortSignal): AttemptOutcome {
    if (signal.aborted) {
      const reason = signal.reason as unknown;
      if (reason instanceof AttemptTimeout) {
        return {
          ok: false,
          error: new PlatformError({ status: 0, code: 'deadline_exceeded', message: `${spec.method} ${spec.path}: ${reason.message}`, method: spec.method, path: spec.path, cause: error }),
          notSent: false,
          final: reason.byDeadline,
        };
      }
      return { ok: false, error: this.cancelled(spec, undefined, signal), notSent: false, final: true };
    }
    if (error instanceof PlatformError) return { ok: false, error, notSent: false, final: true };
    return {
      ok: false,
      error: new PlatformError({
        status: 0,
        code: 'unavailable',
        message: `${spec.method} ${spec.path} failed: ${networkMessage(error)}`,
        method: spec.method,
        path: spec.path,
        cause: error,
      }),
      notSent: provesNotSent(error),
      final: false,
    };
  }

  private cancelled(spec: RequestSpec, attempts: number | undefined, signal: AbortSignal): PlatformError {
    return new PlatformError({
      status: 0,
      code: 'cancelled',
      message: `${spec.method} ${spec.path} was cancelled`,
      method: spec.method,
      path: spec.path,
      cause: signal.reason,
      ...(attempts !== undefined ? { attempts } : {}),
    });
  }

  private deadlineError(spec: RequestSpec, deadlineMs: number, attempts: number): PlatformError {
    return new PlatformError({
      status: 0,
      code: 'deadline_exceeded',
      message: `${spec.method} ${spec.path}: call deadline of ${deadlineMs} ms exceeded`,
      method: spec.method,
      path: spec.path,
      attempts,
    });
  }
}
