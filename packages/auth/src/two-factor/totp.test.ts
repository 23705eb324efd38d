import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { decodeBase32, rfc6238, totpCode } from '../testing/totp';
import { matchTotpStep, newTotpSecret, otpauthUrl, totpStepAt } from './totp';

// RFC 6238 Appendix B, SHA-1 rows: the ASCII key "12345678901234567890", 8 digits.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('the test implementation reproduces the RFC vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(rfc6238(RFC_KEY, seconds, 8)).toBe(code);
  });

  it('accepts the RFC vectors (6-digit truncation) at their times', () => {
    const secret = encodeBase32UpperCaseNoPadding(RFC_KEY);
    for (const [seconds, code] of RFC_VECTORS) {
      const at = new Date(seconds * 1000);
      expect(matchTotpStep(secret, code.slice(-6), at)).toBe(Math.floor(seconds / 30));
    }
  });

  it('agrees with the test implementation on fresh secrets, one step either side only', () => {
    const now = new Date('2026-06-01T12:00:10Z');
    for (let i = 0; i < 20; i++) {
      const secret = newTotpSecret();
      expect(decodeBase32(secret)).toHaveLength(20);
      const step = totpStepAt(now);
      for (const offset of [-1, 0, 1]) {
        const code = totpCode(secret, new Date(now.getTime() + offset * 30_000));
        expect(matchTotpStep(secret, code, now)).toBe(step + offset);
      }
      for (const offset of [-3, -2, 2, 3]) {
        const code = totpCode(secret, new Date(now.getTime() + offset * 30_000));
        // A far code may collide with a near one by chance (1 in 10^6 per step): skip that case.
        const near = [-1, 0, 1].map((o) => totpCode(secret, new Date(now.getTime() + o * 30_000)));
        if (!near.includes(code)) expect(matchTotpStep(secret, code, now)).toBeNull();
      }
    }
  });

  it('builds an otpauth URL an app can read', () => {
    const url = new URL(otpauthUrl('otp-auth', 'ana@example.com', 'JBSWY3DPEHPK3PXP'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).toBe('otp-auth');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain('ana@example.com');
  });
});
