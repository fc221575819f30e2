/**
 * Client-side pacing, shared by every call of one client:
 * - at most `concurrency` requests in flight (FIFO queue);
 * - when the server's rate-limit window runs low, requests are spread over
 *   the time left until `X-RateLimit-Reset`, and none is sent while the
 *   window is spent, so a page that fires many queries does not trip a 429.
 */
import { PlatformError } from './errors';
import type { RateLimitInfo } from './rate-limit';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface LimiterOptions {
  concurrency: number;
  now: () => number;
  sleep: Sleep;
}

interface Window {
  limit?: number;
  remaining: number;
  resetAt: number;
}

interface Waiter {
  grant: () => void;
}

/** Sent this long after the reset instant, to absorb rounding of the header. */
const RESET_MARGIN_MS = 25;

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export class RequestLimiter {
  readonly concurrency: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private window: Window | undefined;
  private nextSlotAt = 0;

  constructor(options: LimiterOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.now = options.now;
    this.sleep = options.sleep;
  }

  /** Requests currently holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /**
   * Wait for a slot and for the pacing delay. Resolves to the release
   * function, which must be called exactly once (extra calls are ignored).
   * Rejects with the signal's reason if it aborts while waiting, or with a
   * `resource_exhausted` error if the pacing would wait past `deadlineAt`.
   */
  async acquire(signal?: AbortSignal, deadlineAt = Number.POSITIVE_INFINITY): Promise<() => void> {
    await this.takeSlot(signal);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active--;
      this.pump();
    };
    try {
      const now = this.now();
      const plan = this.plan(now);
      if (plan.delay > 0) {
        if (now + plan.delay > deadlineAt) {
          throw new PlatformError({
            status: 0,
            code: 'resource_exhausted',
            message: `rate limit window spent: the next request may go in ${Math.ceil(plan.delay)} ms, past this call's deadline`,
            retryAfterMs: Math.ceil(plan.delay),
          });
        }
        plan.commit();
        await this.sleep(plan.delay, signal);
        if (signal?.aborted) throw abortReason(signal);
      } else {
        plan.commit();
      }
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Feed the rate-limit headers of every response (429s included), before
   * that response's slot is released.
   */
  observe(info: RateLimitInfo | undefined): void {
    if (!info || info.remaining === undefined || info.resetAt === undefined) return;
    const w = this.window;
    // Called while this response's request still holds its slot. The others in
    // flight may not be counted in the server's figure yet: assume they are
    // not, so a burst sent before the first answer cannot overrun the window.
    const remaining = info.remaining - Math.max(0, this.active - 1);
    const fresh: Window = { remaining, resetAt: info.resetAt };
    if (info.limit !== undefined) fresh.limit = info.limit;
    if (!w || info.observedAt >= w.resetAt || info.resetAt >= w.resetAt + 1000) {
      this.window = fresh;
      this.nextSlotAt = 0;
      return;
    }
    // A late answer from an earlier window says nothing about this one.
    if (info.resetAt < w.resetAt - 500) return;
    // Same window: answers arrive out of order and our own estimate already
    // counts requests the server has not answered yet, so keep the lowest.
    w.remaining = Math.min(w.remaining, remaining);
    w.resetAt = Math.max(w.resetAt, info.resetAt);
    if (info.limit !== undefined) w.limit = info.limit;
  }

  private plan(now: number): { delay: number; commit: () => void } {
    const w = this.window;
    if (!w || now >= w.resetAt) {
      this.window = undefined;
      return { delay: 0, commit: () => {} };
    }
    if (w.remaining <= 0) return { delay: w.resetAt - now + RESET_MARGIN_MS, commit: () => {} };
    const lowWater = Math.max(this.concurrency, Math.ceil((w.limit ?? 0) * 0.1));
    if (w.remaining >= lowWater) {
      return { delay: 0, commit: () => void w.remaining-- };
    }
    const start = Math.max(now, this.nextSlotAt);
    if (start >= w.resetAt) return { delay: w.resetAt - now + RESET_MARGIN_MS, commit: () => {} };
    const interval = (w.resetAt - now) / w.remaining;
    return {
      delay: start - now,
      commit: () => {
        w.remaining--;
        this.nextSlotAt = start + interval;
      },
    };
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.concurrency && this.waiters.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          resolve();
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private pump(): void {
    while (this.active < this.concurrency && this.waiters.length > 0) {
      this.waiters.shift()!.grant();
    }
  }
}
