import { describe, expect, it } from 'vitest';
import { webhookDeliveryDefaults } from '../webhooks/worker';
import { retryDelayMs } from './retry-delay';

describe('retry delays', () => {
  it('double from the base, with jitter between half and all of it, up to the cap', () => {
    expect(retryDelayMs(1, 1000, Infinity, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, Infinity, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, Infinity, () => 1)).toBe(8000);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('at the webhook defaults, keep an event for hours before the dead letter, whatever the jitter', () => {
    const { maxAttempts, retryBaseMs, retryMaxMs } = webhookDeliveryDefaults;
    const span = (random: () => number) => {
      let total = 0;
      for (let attempt = 1; attempt < maxAttempts; attempt += 1) {
        total += retryDelayMs(attempt, retryBaseMs, retryMaxMs, random);
      }
      return total / 3_600_000;
    };
    expect(span(() => 0)).toBeGreaterThan(4.2);
    expect(span(() => 1)).toBeLessThan(8.5);
  });
});
