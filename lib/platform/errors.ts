/**
 * The one error type the platform client throws, and the readers that build it
 * from whatever a server sends. The real platform uses four error shapes, bare
 * or inside a lone `{"data": ...}` envelope (CONTRACT.md, "Errors"), so the
 * reader is deliberately forgiving: a body it cannot parse still yields a code
 * (derived from the status) and a message (the body text, if short).
 */

/** Codes the client itself produces, besides the ones a server sends. */
export type ClientErrorCode =
  | 'unavailable' // network failure: reset, refused, DNS, a throwing fetch
  | 'deadline_exceeded' // an attempt or the whole call ran out of time
  | 'cancelled' // the caller's AbortSignal fired
  | 'invalid_response' // a 2xx whose body is not JSON or fails the schema
  | 'invalid_argument' // the client refused to send a malformed write
  | 'resource_exhausted'; // the client-side limiter cannot send before the deadline

const BRAND = Symbol.for('amdahl.platform.PlatformError');

export interface PlatformErrorInit {
  status: number;
  code: string;
  message: string;
  body?: unknown;
  retryAfterMs?: number;
  requestId?: string;
  details?: unknown;
  method?: string;
  path?: string;
  attempts?: number;
  cause?: unknown;
}

export class PlatformError extends Error {
  /** HTTP status; 0 when no response arrived (network, timeout, cancel) or the client refused to send. */
  readonly status: number;
  /** Machine code: the server's when it sent one, otherwise derived from the status. */
  readonly code: string;
  /** The parsed JSON body when there was one, else the raw text (or undefined). */
  readonly body: unknown;
  /** The wait the server asked for (Retry-After, body retry_after, details.retry_after_seconds). */
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  /** `error.details` when the server sent it. */
  readonly details?: unknown;
  readonly method?: string;
  readonly path?: string;
  /** How many attempts the call made before giving up with this error. */
  attempts?: number;

  constructor(init: PlatformErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PlatformError';
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.details !== undefined) this.details = init.details;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A safe summary for logs and API answers: no body, no headers, no key. */
  toJSON(): { status: number; code: string; message: string; requestId?: string; retryAfterMs?: number } {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

/**
 * `instanceof` fails when two copies of this module are loaded (a Next server
 * bundle beside a plain-Node import), so the check also looks for the brand.
 */
export function isPlatformError(value: unknown): value is PlatformError {
  return (
    value instanceof PlatformError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true)
  );
}

const STATUS_CODES: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  405: 'unimplemented',
  408: 'deadline_exceeded',
  409: 'failed_precondition',
  410: 'not_found',
  412: 'failed_precondition',
  413: 'invalid_argument',
  415: 'invalid_argument',
  422: 'invalid_argument',
  428: 'failed_precondition',
  429: 'resource_exhausted',
  499: 'cancelled',
  500: 'internal',
  501: 'unimplemented',
  502: 'unavailable',
  503: 'unavailable',
  504: 'deadline_exceeded',
};

/** The code to use when a non-2xx body names none. */
export function codeForStatus(status: number): string {
  const known = STATUS_CODES[status];
  if (known) return known;
  if (status >= 500) return 'internal';
  if (status >= 400) return 'failed_precondition';
  return 'unknown';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Unwrap one `{"data": ...}` envelope. Only a lone `data` key is an envelope:
 * `{"data": [...], "next_cursor": ...}` is a list whose array is named `data`.
 */
export function unwrapEnvelope(value: unknown): unknown {
  if (isRecord(value) && 'data' in value && Object.keys(value).length === 1) return value.data;
  return value;
}

/** A code-like string (`not_found`, `rate_limited`) as opposed to a sentence. */
function looksLikeCode(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/.test(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Seconds (number or numeric string) to milliseconds; undefined if not a finite, non-negative number. */
function secondsToMs(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * 1000);
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 10.2.3).
 * A date in the past means "now" (0).
 */
export function parseRetryAfterHeader(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return secondsToMs(trimmed);
  // An HTTP date names its month ("Sun, 06 Nov 1994 08:49:37 GMT"); "-5" is not one.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface ParsedErrorBody {
  code: string;
  message: string;
  details?: unknown;
  /** From body `retry_after` or `error.details.retry_after_seconds`, in ms. */
  retryAfterMs?: number;
  requestId?: string;
}

/**
 * Read a code and message from an error body (already JSON-parsed, or the raw
 * text when it was not JSON). Accepts, bare or inside a lone `data` envelope:
 *   {"error": {"code", "message", "details"?}}
 *   {"error": "<code>", "message"}
 *   {"error": "<sentence>", "code"}
 *   {"code", "message"}
 */
export function parseErrorBody(body: unknown, status: number): ParsedErrorBody {
  const fallbackCode = codeForStatus(status);
  const fallbackMessage = `HTTP ${status}`;
  if (typeof body === 'string' || body === undefined || body === null) {
    const text = typeof body === 'string' ? body.trim() : '';
    return { code: fallbackCode, message: text && text.length <= 300 ? text : fallbackMessage };
  }
  const outer = unwrapEnvelope(body);
  if (!isRecord(outer)) return { code: fallbackCode, message: fallbackMessage };

  const err = outer.error;
  const topCode = str(outer.code);
  const topMessage = str(outer.message) ?? str(outer.detail) ?? str(outer.error_description);
  let code: string | undefined;
  let message: string | undefined;
  let details: unknown;

  if (typeof err === 'string') {
    if (topCode) {
      // {"error": "<sentence>", "code"}: the top-level code is always the code.
      code = topCode;
      message = topMessage ?? str(err);
    } else if (looksLikeCode(err)) {
      // {"error": "<code>", "message"}
      code = err;
      message = topMessage ?? err;
    } else {
      // A bare sentence: the status supplies the code.
      message = topMessage ?? str(err);
    }
  } else if (isRecord(err)) {
    code = str(err.code) ?? topCode;
    message = str(err.message) ?? topMessage;
    details = err.details;
  } else {
    code = topCode;
    message = topMessage;
  }
  if (details === undefined && outer.details !== undefined) details = outer.details;

  const waits = [
    secondsToMs(outer.retry_after),
    isRecord(err) ? secondsToMs(err.retry_after) : undefined,
    isRecord(details) ? secondsToMs(details.retry_after_seconds) : undefined,
    isRecord(details) ? secondsToMs(details.retry_after) : undefined,
  ].filter((n): n is number => n !== undefined);

  const requestId = str(outer.request_id) ?? (isRecord(err) ? str(err.request_id) : undefined);
  const parsed: ParsedErrorBody = {
    code: code ?? fallbackCode,
    message: message ?? fallbackMessage,
  };
  if (details !== undefined) parsed.details = details;
  if (waits.length > 0) parsed.retryAfterMs = Math.max(...waits);
  if (requestId !== undefined) parsed.requestId = requestId;
  return parsed;
}

export function requestIdFrom(headers: Headers): string | undefined {
  return (
    headers.get('x-request-id') ??
    headers.get('x-amdahl-request-id') ??
    headers.get('request-id') ??
    undefined
  );
}

/** Parse the body text of a non-2xx answer; never throws. */
export function parseBodyText(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A 2xx that is really a failure: `{data: {success: false, error: {...}}}`
 * (the public CLI's "tool failure" envelope). Requires both `success: false`
 * and an `error` object, so a payload that merely has `success` is left alone.
 */
export function toolFailureIn(body: unknown): { code?: string; message: string } | undefined {
  if (!isRecord(body) || !isRecord(body.data)) return undefined;
  const data = body.data;
  if (data.success !== false || !isRecord(data.error)) return undefined;
  const code = str(data.error.code);
  return { message: str(data.error.message) ?? 'the platform reported a failure', ...(code ? { code } : {}) };
}
