import { describe, expect, it } from 'vitest';
import { isPublished, isRotationDue, lastSigningAt, signingKeyAt } from './schedule';

const t = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
const key = (generation: number, activatesAt: number) => ({
  kid: `k${String(generation)}`,
  generation,
  createdAt: t(activatesAt - 60),
  activatesAt: t(activatesAt),
});

describe('key schedule', () => {
  const keys = [key(1, 0), key(2, 1000), key(3, 2000)];

  it('the newest active key signs', () => {
    expect(signingKeyAt(keys, t(-1))).toBeUndefined();
    expect(signingKeyAt(keys, t(0))?.kid).toBe('k1');
    expect(signingKeyAt(keys, t(1999))?.kid).toBe('k2');
    expect(signingKeyAt(keys, t(5000))?.kid).toBe('k3');
  });

  it('a key stops signing when the next activates and leaves a token lifetime later', () => {
    expect(lastSigningAt(keys[0] ?? key(0, 0), keys)).toEqual(t(1000));
    expect(lastSigningAt(keys[2] ?? key(0, 0), keys)).toBeNull();
    const k1 = keys[0] ?? key(0, 0);
    expect(isPublished(k1, keys, t(1299), 300)).toBe(true);
    expect(isPublished(k1, keys, t(1300), 300)).toBe(false);
    expect(isPublished(keys[2] ?? key(0, 0), keys, t(1e9), 300)).toBe(true);
  });

  it('rotation is due once the newest key has signed for the whole period', () => {
    expect(isRotationDue([], t(0), 100)).toBe(false);
    expect(isRotationDue(keys, t(2099), 100)).toBe(false);
    expect(isRotationDue(keys, t(2100), 100)).toBe(true);
  });
});
