import { describe, expect, it } from 'vitest';
import { answerNoSoonerThan } from './answer-floor';

describe('answer floor', () => {
  it('holds a fast answer until the floor, and a failure too', async () => {
    let started = performance.now();
    expect(await answerNoSoonerThan(40, () => Promise.resolve('done'))).toBe('done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);

    started = performance.now();
    await expect(answerNoSoonerThan(40, () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });
});
