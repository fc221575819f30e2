/** Failed sign-ins: five per client address per minute, fifty for everyone, then refusals that say how long to wait. */
import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../lib/host/sign-in-limiter';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sign-in limiter', () => {
  it('lets five failures through per client, refuses the sixth attempt with the wait, and frees a slot as the oldest ages out', () => {
    const c = clock();
    const limiter = new SignInLimiter({ perClient: 5, global: 50, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 5; i++) {
      expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
      limiter.fail('10.0.0.1');
      c.advance(1_000);
    }
    // Five failures at t0..t0+4s; now t0+5s: the first frees its slot at t0+60s.
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 55, scope: 'client' });
    expect(limiter.check('10.0.0.2')).toEqual({ allowed: true });
    c.advance(54_000);
    expect(limiter.check('10.0.0.1').allowed).toBe(false);
    c.advance(1_000);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
    limiter.fail('10.0.0.1');
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, scope: 'client' });
  });

  it('a success clears the client\'s failures', () => {
    const c = clock();
    const limiter = new SignInLimiter({ perClient: 3, global: 50, windowMs: 60_000 }, c.now);
    limiter.fail('a');
    limiter.fail('a');
    limiter.succeed('a');
    limiter.fail('a');
    limiter.fail('a');
    expect(limiter.check('a').allowed).toBe(true);
    limiter.fail('a');
    expect(limiter.check('a').allowed).toBe(false);
  });

  it('past the global limit every client is refused, however spread the failures', () => {
    const c = clock();
    const limiter = new SignInLimiter({ perClient: 5, global: 10, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 10; i++) {
      expect(limiter.check(`198.51.100.${i}`).allowed).toBe(true);
      limiter.fail(`198.51.100.${i}`);
    }
    expect(limiter.check('203.0.113.9')).toEqual({ allowed: false, retryAfterSeconds: 60, scope: 'global' });
    c.advance(60_001);
    expect(limiter.check('203.0.113.9')).toEqual({ allowed: true });
  });

  it('keeps a bounded number of clients', () => {
    const c = clock();
    const limiter = new SignInLimiter({ perClient: 1, global: 1_000_000, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 10_050; i++) limiter.fail(`c${i}`);
    // The stalest clients were forgotten; the latest still count.
    expect(limiter.check('c0').allowed).toBe(true);
    expect(limiter.check('c10049').allowed).toBe(false);
  });
});
