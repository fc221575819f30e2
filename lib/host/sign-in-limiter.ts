/**
 * Failed sign-ins, counted over a sliding window per client address and for
 * the whole process. Past either limit, further attempts are refused without
 * being checked (no key reaches the platform, no password is compared) until
 * the oldest failure in the window ages out. The global limit bounds guessing
 * spread over many addresses; its price is that such a flood also holds back
 * honest authors for up to a window.
 */

export interface SignInLimits {
  /** Failures per address per window. */
  perClient: number;
  /** Failures across all addresses per window. */
  global: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perClient: 5, global: 50, windowMs: 60_000 };

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'client' | 'global' };

/** Most addresses tracked at once; past it the stalest are forgotten first. */
const MAX_CLIENTS = 10_000;

export class SignInLimiter {
  private readonly byClient = new Map<string, number[]>();
  private global: number[] = [];

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this client may try now. */
  check(client: string): LimitVerdict {
    const at = this.now();
    this.global = this.recent(this.global, at);
    const mine = this.recent(this.byClient.get(client) ?? [], at);
    if (mine.length >= this.limits.perClient) return this.refuse(mine, at, 'client');
    if (this.global.length >= this.limits.global) return this.refuse(this.global, at, 'global');
    return { allowed: true };
  }

  /** Records a failed attempt. */
  fail(client: string): void {
    const at = this.now();
    const mine = this.recent(this.byClient.get(client) ?? [], at);
    mine.push(at);
    // Re-inserting keeps the map ordered by last failure, so the stalest is first.
    this.byClient.delete(client);
    this.byClient.set(client, mine);
    if (this.byClient.size > MAX_CLIENTS) this.byClient.delete(this.byClient.keys().next().value!);
    this.global = this.recent(this.global, at);
    this.global.push(at);
  }

  /** A success clears this client's failures (not the global count). */
  succeed(client: string): void {
    this.byClient.delete(client);
  }

  private recent(times: number[], at: number): number[] {
    const from = at - this.limits.windowMs;
    let i = 0;
    while (i < times.length && times[i]! <= from) i++;
    return i === 0 ? times : times.slice(i);
  }

  private refuse(times: number[], at: number, scope: 'client' | 'global'): LimitVerdict {
    // The window frees a slot when the oldest failure that fills it ages out.
    const oldest = times[times.length - (scope === 'client' ? this.limits.perClient : this.limits.global)]!;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - at) / 1000)), scope };
  }
}

/**
 * The header carrying the client's address to the app's routes. The app's
 * server (scripts/serve-app.ts) sets it from the socket, replacing whatever a
 * client sent, so it cannot be forged to dodge the per-address limit.
 */
export const CLIENT_ADDRESS_HEADER = 'x-amdahl-client-address';
