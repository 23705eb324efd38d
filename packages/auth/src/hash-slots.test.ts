import { describe, expect, it } from 'vitest';
import { createHashSlots, defaultHashSlots } from './hash-slots';

describe('hash slots', () => {
  it('runs at most `slots` at once, and every one in the end', async () => {
    const withSlot = createHashSlots(2);
    let running = 0;
    let most = 0;
    const work = (value: number) =>
      withSlot(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (value === 3) throw new Error('three');
        return value;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(work));
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      1,
      2,
      'failed',
      4,
      5,
      6,
    ]);
  });
});

describe('defaultHashSlots', () => {
  it('is one more than the cores, leaving one pool thread free', () => {
    expect(defaultHashSlots(1, 4)).toBe(2);
    expect(defaultHashSlots(2, 4)).toBe(3);
    expect(defaultHashSlots(8, 4)).toBe(3);
    expect(defaultHashSlots(8, 16)).toBe(9);
    expect(defaultHashSlots(2, 1)).toBe(1);
  });
});
