/**
 * Rate-limit headers: `X-RateLimit-Remaining` and `X-RateLimit-Reset` (epoch
 * seconds) per the guide, plus `X-RateLimit-Limit` (ours).
 */

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** When the window resets, epoch milliseconds. */
  resetAt?: number;
  /** When this was read, epoch milliseconds (the client's clock). */
  observedAt: number;
}

function num(value: string | null): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Epoch seconds per the contract. Some servers send seconds-until-reset
 * instead; a value too small to be a date in this century is read that way.
 * Fractions are accepted.
 */
export function parseResetHeader(value: string | null, nowMs: number): number | undefined {
  const n = num(value);
  if (n === undefined || n < 0) return undefined;
  return n < 1_000_000_000 ? nowMs + n * 1000 : n * 1000;
}

/** undefined when the response carries none of the headers. */
export function readRateLimit(headers: Headers, nowMs: number): RateLimitInfo | undefined {
  const limit = num(headers.get('x-ratelimit-limit'));
  const remaining = num(headers.get('x-ratelimit-remaining'));
  const resetAt = parseResetHeader(headers.get('x-ratelimit-reset'), nowMs);
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  const info: RateLimitInfo = { observedAt: nowMs };
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  return info;
}
