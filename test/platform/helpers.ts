import { afterAll, beforeAll, expect } from 'vitest';
import { isPlatformError, type PlatformError } from '../../lib/platform/index';

/**
 * Registers a process-wide 'unhandledRejection' listener for the file and
 * asserts, after all its tests, that it never fired.
 */
export function expectNoUnhandledRejections(): { seen: unknown[] } {
  const state = { seen: [] as unknown[] };
  const listener = (reason: unknown): void => {
    state.seen.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(async () => {
    // Give late rejections (abandoned fetches, bodies) a chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', listener);
    expect(state.seen).toEqual([]);
  });
  return state;
}

/** A clock whose sleep returns at once and moves time forward, recording each wait. */
export function fakeClock(start = Date.UTC(2026, 10, 1, 12, 0, 0)) {
  const clock = {
    t: start,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
      await Promise.resolve();
    },
  };
  return clock;
}

/** Run `fn`, expect it to reject with a PlatformError, and return that error. */
export async function platformErrorFrom(fn: () => Promise<unknown>): Promise<PlatformError> {
  try {
    await fn();
  } catch (error) {
    expect(isPlatformError(error), `expected a PlatformError, got ${String(error)}`).toBe(true);
    expect(error).not.toBeInstanceOf(SyntaxError);
    return error as PlatformError;
  }
  throw new Error('expected the call to reject');
}

export const SAMPLE_PAGE = {
  id: 'pg_1',
  name: 'Weekly sentiment',
  tags: ['weekly'],
  status: 'draft',
  declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel' }],
  spec: { version: 1, root: { type: 'Table', props: { data: { $query: 'by_channel' } } } },
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  version: 1,
};
