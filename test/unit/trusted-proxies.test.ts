import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from '../../lib/http/trusted-proxies';

describe('AMDAHL_TRUSTED_PROXIES', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.7, ::1');

  it('reads addresses and IPv4 ranges, and refuses a typo rather than trusting nobody silently', () => {
    expect(trusted.size).toBe(3);
    expect(trusted.trusts('10.200.3.4')).toBe(true);
    expect(trusted.trusts('::ffff:10.1.1.1')).toBe(true);
    expect(trusted.trusts('11.0.0.1')).toBe(false);
    expect(trusted.trusts('192.168.1.7')).toBe(true);
    expect(trusted.trusts('192.168.1.8')).toBe(false);
    expect(trusted.trusts('::1')).toBe(true);
    expect(parseTrustedProxies(undefined).size).toBe(0);
    expect(parseTrustedProxies('0.0.0.0/0').trusts('8.8.8.8')).toBe(true);
    for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0', '::1/64']) expect(() => parseTrustedProxies(bad), bad).toThrow(/AMDAHL_TRUSTED_PROXIES/);
  });

  it('takes the client from X-Forwarded-For only when the hop that sent it is trusted', () => {
    // Straight from the internet: the header is the client's own words, ignored.
    expect(clientAddress('203.0.113.9', '1.2.3.4', trusted)).toBe('203.0.113.9');
    // Through the proxy: the rightmost untrusted hop, not a value the client prepended.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.20', trusted)).toBe('198.51.100.20');
    expect(clientAddress('::ffff:10.0.0.2', '198.51.100.20, 10.0.0.3', trusted)).toBe('198.51.100.20');
    expect(clientAddress('10.0.0.2', ['198.51.100.20', '10.0.0.3'], trusted)).toBe('198.51.100.20');
    // A trusted hop without the header is itself the client; so is the leftmost when every hop is trusted.
    expect(clientAddress('10.0.0.2', undefined, trusted)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '10.0.0.9, 10.0.0.3', trusted)).toBe('10.0.0.9');
    // With nothing trusted (the default) every author is their socket's address.
    expect(clientAddress('10.0.0.2', '198.51.100.20', parseTrustedProxies(''))).toBe('10.0.0.2');
  });
});
