import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureEnumerationTiming, timingEnv } from '../../bench/enumeration-timing';
import { startTestServer, type TestServer } from '../support';

// bcrypt at cost 10, as in production-like runs: a path that skipped or added a hash would be
// several times slower or faster than the other.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ BCRYPT_COST: '10', ...timingEnv });
});
afterAll(() => server.close());

describe('known and unknown addresses answer in the same time class', () => {
  it('ASVS 5.0 6.3.8: register, resend, forgot and reset confirm, 25 interleaved tries each, medians within 1.5×', async () => {
    const ratios = await measureEnumerationTiming({
      base: server.url,
      codeFor: (email) => server.smtp.codeFor(email),
    });
    expect(ratios.map((r) => r.flow)).toEqual(['register', 'resend', 'forgot', 'reset confirm']);
    for (const r of ratios) {
      expect(
        r.ratio,
        `${r.flow}: known ${r.knownMs.toFixed(1)} ms, unknown ${r.unknownMs.toFixed(1)} ms`,
      ).toBeLessThan(1.5);
    }
  }, 120_000);
});
