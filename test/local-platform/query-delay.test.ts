/** The local platform's test-only latency: off unless set, a fixed wait or a per-statement comment. */
import { describe, expect, it } from 'vitest';
import { localPlatformOptionsFromEnv } from '../../lib/local-platform/options';
import { queryDelayMs, waitFor } from '../../lib/local-platform/query-delay';

describe('query delay', () => {
  it('is off by default', () => {
    expect(localPlatformOptionsFromEnv({}).queryDelay).toBeUndefined();
    expect(queryDelayMs('/* delay:3000 */ SELECT 1', undefined)).toBe(0);
  });

  it('reads the environment, refusing what it cannot read', () => {
    expect(localPlatformOptionsFromEnv({ AMDAHL_LOCAL_QUERY_DELAY_MS: '250' }).queryDelay).toEqual({ fixedMs: 250 });
    expect(localPlatformOptionsFromEnv({ AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: '1' }).queryDelay).toEqual({ fromComments: true });
    expect(localPlatformOptionsFromEnv({ AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: '0' }).queryDelay).toBeUndefined();
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_QUERY_DELAY_MS: 'soon' })).toThrow(/AMDAHL_LOCAL_QUERY_DELAY_MS must be a positive integer/);
    expect(() => localPlatformOptionsFromEnv({ AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: 'maybe' })).toThrow(/AMDAHL_LOCAL_QUERY_DELAY_COMMENTS/);
  });

  it('honours a comment only when comments are on; the comment wins over the fixed wait', () => {
    const sql = 'SELECT COUNT(*) FROM interactions /* delay:3000 */';
    expect(queryDelayMs(sql, { fixedMs: 50 })).toBe(50);
    expect(queryDelayMs(sql, { fixedMs: 50, fromComments: true })).toBe(3000);
    expect(queryDelayMs('SELECT 1', { fromComments: true })).toBe(0);
  });

  it('waits until aborted, and then rejects with the reason', async () => {
    const controller = new AbortController();
    const waiting = waitFor(60_000, controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    await expect(waitFor(0)).resolves.toBeUndefined();
  });
});
