/**
 * Test-only latency for the local platform (see `queryDelay` in options.ts):
 * benchmarks and browser tests need slow and fast queries side by side, and
 * `pg_sleep` cannot give them, since PGlite runs one statement at a time and
 * a sleeping statement would hold back every other one.
 */
import type { QueryDelay } from './options';

const DELAY_COMMENT = /\/\*\s*delay:(\d{1,6})\s*\*\//;

/** How long a statement waits before it runs: the fixed delay, or its `/* delay:<ms> *\/` comment when those are honoured. */
export function queryDelayMs(sql: string, delay: QueryDelay | undefined): number {
  if (!delay) return 0;
  const fromComment = delay.fromComments ? DELAY_COMMENT.exec(sql) : null;
  return fromComment ? Number(fromComment[1]) : (delay.fixedMs ?? 0);
}

export function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
