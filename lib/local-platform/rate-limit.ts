export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window resets. */
  reset: number;
  /** Whole seconds to wait (at least 1) when the request was refused. */
  retryAfter: number;
  allowed: boolean;
}

/**
 * A fixed window per key: `limit` requests per `windowSeconds`. Windows are
 * aligned to the epoch so X-RateLimit-Reset is the same for every request in
 * a window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  take(bucket: string, nowMs: number): RateLimitState {
    const windowMs = this.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let entry = this.windows.get(bucket);
    if (!entry || entry.start !== start) {
      entry = { start, count: 0 };
      this.windows.set(bucket, entry);
      if (this.windows.size > 10_000) this.prune(start);
    }
    const allowed = entry.count < this.limit;
    if (allowed) entry.count++;
    const resetMs = start + windowMs;
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - entry.count),
      reset: Math.ceil(resetMs / 1000),
      retryAfter: Math.max(1, Math.ceil((resetMs - nowMs) / 1000)),
      allowed,
    };
  }

  private prune(currentStart: number): void {
    for (const [key, value] of this.windows) if (value.start !== currentStart) this.windows.delete(key);
  }
}
