import { describe, expect, it } from 'vitest';
import { createHashSlots } from './hash-slots';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';

const ctx = { config: { bcryptCost: 4 }, hashSlots: createHashSlots(100) };

describe('passwords', () => {
  it('hash with bcrypt at the configured cost and verify', async () => {
    const hash = await hashPassword(ctx, 'strongpassword123');
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await verifyPassword(ctx, 'strongpassword123', hash)).toBe(true);
    expect(await verifyPassword(ctx, 'strongpassword124', hash)).toBe(false);
  });

  it('never match a value over 72 bytes, though bcrypt would read only its prefix', async () => {
    const exact = 'a'.repeat(72);
    const hash = await hashPassword(ctx, exact);
    expect(await verifyPassword(ctx, exact, hash)).toBe(true);
    expect(await verifyPassword(ctx, `${exact}b`, hash)).toBe(false);
    // Multi-byte at the boundary: 24 three-byte characters are 72 bytes; one more 'é' is 74.
    const wide = '€'.repeat(24);
    const wideHash = await hashPassword(ctx, wide);
    expect(await verifyPassword(ctx, wide, wideHash)).toBe(true);
    expect(await verifyPassword(ctx, `${wide}é`, wideHash)).toBe(false);
  });

  it('know when a hash was made at another cost', async () => {
    const hash = await hashPassword(ctx, 'strongpassword123');
    expect(needsRehash(hash, 4)).toBe(false);
    expect(needsRehash(hash, 5)).toBe(true);
  });

  it('keep one dummy hash per cost for unknown users', async () => {
    const first = await dummyHash(ctx);
    expect(await dummyHash(ctx)).toBe(first);
    expect(await verifyPassword(ctx, 'anything', first)).toBe(false);
  });
});
