import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { createHashSlots, defaultHashSlots } from './hash-slots';

describe('hash slots', () => {
  it('runs at most `slots` at once, and every one in the end', async () => {
    const slots = createHashSlots(10, 2);
    let running = 0;
    let most = 0;
    const work = (value: number) =>
      slots.run(async () => {
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
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('turns work away with a 503 and Retry-After once the queue is full', async () => {
    const slots = createHashSlots(2, 1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = [1, 2, 3].map((value) =>
      slots.run(async () => {
        await gate;
        return value;
      }),
    );
    expect(slots.load()).toEqual({ running: 1, waiting: 2 });
    const refused = await slots.run(() => Promise.resolve(4)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ code: 'service_unavailable', retryAfter: 2 });
    release();
    expect(await Promise.all(held)).toEqual([1, 2, 3]);
    // With the queue drained, work is taken again.
    expect(await slots.run(() => Promise.resolve(5))).toBe(5);
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
