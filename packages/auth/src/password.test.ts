import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';

describe('passwords', () => {
  it('hash with bcrypt at the configured cost and verify', async () => {
    const hash = await hashPassword('strongpassword123', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await verifyPassword('strongpassword123', hash)).toBe(true);
    expect(await verifyPassword('strongpassword124', hash)).toBe(false);
  });

  it('never match a value over 72 bytes, though bcrypt would read only its prefix', async () => {
    const exact = 'a'.repeat(72);
    const hash = await hashPassword(exact, 4);
    expect(await verifyPassword(exact, hash)).toBe(true);
    expect(await verifyPassword(`${exact}b`, hash)).toBe(false);
    // Multi-byte at the boundary: 24 three-byte characters are 72 bytes; one more 'é' is 74.
    const wide = '€'.repeat(24);
    const wideHash = await hashPassword(wide, 4);
    expect(await verifyPassword(wide, wideHash)).toBe(true);
    expect(await verifyPassword(`${wide}é`, wideHash)).toBe(false);
  });

  it('know when a hash was made at another cost', async () => {
    const hash = await hashPassword('strongpassword123', 4);
    expect(needsRehash(hash, 4)).toBe(false);
    expect(needsRehash(hash, 5)).toBe(true);
  });

  it('keep one dummy hash per cost for unknown users', async () => {
    const first = await dummyHash(4);
    expect(await dummyHash(4)).toBe(first);
    expect(await verifyPassword('anything', first)).toBe(false);
  });
});
