/**
 * When to try a failed request again, and how long to wait first.
 *
 * Retried: 429 (the server refused before doing anything), 5xx, network
 * failures and per-attempt timeouts. Never other 4xx. A write that is not
 * idempotent (POST /pages, POST /webhooks, POST embed-token) is retried only
 * when the failure proves it was not processed: a 429, or a connection that
 * was refused before anything was sent. A 5xx, a reset or a timeout after
 * sending may have created the page already.
 */
import type { PlatformError } from './errors';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff step, before jitter. */
  baseMs: number;
  /** Largest backoff step (a server-specified wait is not capped: the deadline bounds it). */
  capMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseMs: 500, capMs: 10_000 };

/** How an attempt failed, beyond the error it produced. */
export interface FailedAttempt {
  error: PlatformError;
  /** The request certainly never reached the server (connection refused, DNS failure). */
  notSent: boolean;
  /** The failure ends the call whatever the policy (caller cancelled, call deadline passed). */
  final: boolean;
}

/** Statuses that say the server will answer the same way next time. */
const PERMANENT_5XX = new Set([501, 505]);

export function shouldRetry(failure: FailedAttempt, idempotent: boolean): boolean {
  if (failure.final) return false;
  const { status } = failure.error;
  if (status === 429) return true;
  if (status === 0) return idempotent || failure.notSent;
  if (status >= 500 && !PERMANENT_5XX.has(status)) return idempotent;
  return false;
}

/**
 * The wait before attempt `attempt + 1`. A server-specified wait wins as is;
 * otherwise capped exponential backoff with "equal jitter": half the step
 * fixed, half random, so waits never collapse to zero and clients spread out.
 */
export function retryDelay(error: PlatformError, attempt: number, retry: RetryOptions, random: () => number): number {
  if (error.retryAfterMs !== undefined) return Math.max(0, error.retryAfterMs);
  const step = Math.min(retry.capMs, retry.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return step / 2 + (step / 2) * r;
}

/** Error codes (walked through `cause`) meaning the connection never opened. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function provesNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    const errors = (current as { errors?: unknown }).errors;
    // AggregateError from a dual-stack connect (IPv4 and IPv6 both refused).
    if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => provesNotSent(e))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The most specific message in a fetch failure's `cause` chain ("fetch failed" says little). */
export function networkMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth++) {
    if (current instanceof Error || (typeof current === 'object' && current !== null)) {
      const message = (current as { message?: unknown }).message;
      const code = (current as { code?: unknown }).code;
      if (typeof message === 'string' && message) parts.push(typeof code === 'string' ? `${message} (${code})` : message);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.length > 0 ? parts.join(': ') : 'network error';
}
