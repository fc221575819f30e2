/**
 * Which hops may speak for the client: `AMDAHL_TRUSTED_PROXIES`, a comma-
 * separated list of addresses and IPv4 CIDR ranges (`10.0.0.0/8`,
 * `127.0.0.1`, `::1`). A request whose socket peer is one of them may name
 * the client in X-Forwarded-For (read right to left, past every trusted
 * hop) and the site in X-Forwarded-Host and -Proto; from anyone else those
 * headers are ignored, so they cannot be forged to dodge the sign-in limit
 * or to point embed links at another site.
 */

interface Range {
  /** An IPv4 network as a 32-bit number and its mask, or an exact address text (IPv6). */
  v4?: { net: number; mask: number };
  exact?: string;
}

export interface TrustedProxies {
  trusts(address: string): boolean;
  readonly size: number;
}

/** `::ffff:10.0.0.1` -> `10.0.0.1`; IPv6 lower-cased; surrounding brackets and spaces dropped. */
export function normaliseAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

function ipv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

/** Throws on an entry that is neither an address nor an IPv4 CIDR range: a typo must not trust nobody silently. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const ranges: Range[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const a = normaliseAddress(addr);
    const v4 = ipv4(a);
    if (v4 !== undefined) {
      const prefix = bits === undefined ? 32 : /^\d{1,2}$/.test(bits) && Number(bits) <= 32 ? Number(bits) : Number.NaN;
      if (Number.isNaN(prefix)) throw new TypeError(`AMDAHL_TRUSTED_PROXIES: "${entry}" is not an IPv4 range such as 10.0.0.0/8`);
      const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
      ranges.push({ v4: { net: (v4 & mask) >>> 0, mask } });
    } else if (a.includes(':') && bits === undefined && /^[0-9a-f:.]+$/.test(a)) {
      ranges.push({ exact: a });
    } else {
      throw new TypeError(`AMDAHL_TRUSTED_PROXIES: "${entry}" is not an address or an IPv4 range`);
    }
  }
  return {
    size: ranges.length,
    trusts(address) {
      const a = normaliseAddress(address);
      const v4 = ipv4(a);
      return ranges.some((r) => (r.v4 && v4 !== undefined ? ((v4 & r.v4.mask) >>> 0) === r.v4.net : r.exact === a));
    },
  };
}

/**
 * The client's address: the socket peer, unless that is a trusted proxy, in
 * which case the X-Forwarded-For hops are walked from the right, past every
 * trusted one; the first untrusted hop is the client. (When every hop is
 * trusted, the leftmost is.)
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let client = normaliseAddress(peer ?? 'unknown');
  if (!trusted.trusts(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => normaliseAddress(h))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!trusted.trusts(client)) return client;
  }
  return client;
}

/** Headers a client may set only through a trusted proxy. */
export const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'] as const;
