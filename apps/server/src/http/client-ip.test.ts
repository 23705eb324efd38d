import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy, resolveClientIp } from './client-ip';

const request = (socket: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: socket },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('client IP for rate limits (ASVS 4.0.3 2.2.1): trusted proxies only', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const trust = parseTrustProxy(undefined);
    expect(resolveClientIp(request('::ffff:10.0.0.9', '1.2.3.4'), trust)).toBe('10.0.0.9');
  });

  it('believes exactly the number of proxies configured', () => {
    const trust = parseTrustProxy('1');
    // The client forged "6.6.6.6"; our one proxy appended the address it really saw.
    expect(resolveClientIp(request('10.0.0.2', '6.6.6.6, 203.0.113.7'), trust)).toBe('203.0.113.7');
    expect(resolveClientIp(request('10.0.0.2', '203.0.113.7'), parseTrustProxy('2'))).toBe(
      '203.0.113.7',
    );
    expect(resolveClientIp(request('10.0.0.2'), trust)).toBe('10.0.0.2');
  });

  it('walks past listed proxies from the right and stops at the first stranger', () => {
    const trust = parseTrustProxy('10.0.0.0/8, ::1');
    expect(resolveClientIp(request('::1', '6.6.6.6, 198.51.100.4, 10.1.2.3'), trust)).toBe(
      '198.51.100.4',
    );
    // A stranger connecting directly is the client, whatever it claims.
    expect(resolveClientIp(request('198.51.100.9', '10.0.0.1'), trust)).toBe('198.51.100.9');
  });

  it('falls back to the peer when the believed entry is not an address', () => {
    expect(resolveClientIp(request('10.0.0.2', 'junk'), parseTrustProxy('1'))).toBe('10.0.0.2');
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/TRUST_PROXY/);
  });
});
