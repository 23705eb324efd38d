import { describe, expect, it } from 'vitest';
import { decoyHash, generateCode, hashCode, hashesEqual } from './otp';

const secret = Buffer.alloc(32, 7);

describe('codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 200 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('are stored as an HMAC keyed with the secret, never in clear', () => {
    const stored = hashCode(secret, '123456');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain('123456');
    expect(hashCode(Buffer.alloc(32, 8), '123456')).not.toBe(stored);
  });

  it('compare in constant time and only equal hashes match', () => {
    const stored = hashCode(secret, '123456');
    expect(hashesEqual(stored, hashCode(secret, '123456'))).toBe(true);
    expect(hashesEqual(stored, hashCode(secret, '123457'))).toBe(false);
    expect(hashesEqual(stored, stored.slice(0, 10))).toBe(false);
  });

  it('a decoy hash matches no code', () => {
    const decoy = decoyHash();
    expect(hashesEqual(decoy, hashCode(secret, '000000'))).toBe(false);
    expect(decoy).toHaveLength(64);
  });
});
