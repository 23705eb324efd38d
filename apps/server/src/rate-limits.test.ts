import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import {
  defaultRateLimits,
  limitSpec,
  loginLimitSpec,
  slowdownMs,
  withOverrides,
} from './rate-limits';

describe('rate-limit settings (ASVS 4.0.3 2.2.1)', () => {
  it('reads scope=points/seconds pairs and keeps the defaults of scopes left out', () => {
    expect(limitSpec.parse(' ip=20/60 , account=3/900 ')).toEqual({
      ip: { points: 20, duration: 60 },
      account: { points: 3, duration: 900 },
    });
    const settings = withOverrides({ login: loginLimitSpec.parse('account=3/900') });
    expect(settings.login).toEqual({
      ip: defaultRateLimits.login.ip,
      account_ip: defaultRateLimits.login.account_ip,
      account: { points: 3, duration: 900 },
    });
    expect(settings.register).toEqual(defaultRateLimits.register);
  });

  it('gives login alone a per-account-and-client scope', () => {
    expect(parseEnv({ RATE_LIMIT_LOGIN: 'account_ip=4/60' }).RATE_LIMIT_LOGIN).toEqual({
      account_ip: { points: 4, duration: 60 },
    });
    expect(() => parseEnv({ RATE_LIMIT_VERIFY: 'account_ip=4/60' })).toThrow(/RATE_LIMIT_VERIFY/);
  });

  it('slows sign-ins down from the threshold on, doubling, 10 s at most', () => {
    expect([0, 2, 3, 4, 5, 8, 20, 10_000].map((failures) => slowdownMs(failures, 3))).toEqual([
      0, 0, 250, 500, 1000, 8000, 10_000, 10_000,
    ]);
  });

  it('refuses settings it cannot read, and zero budgets', () => {
    for (const bad of ['ip=20', 'user=1/60', 'ip=0/60', 'ip=5/0', 'ip=5/60;account=1/60']) {
      expect(() => parseEnv({ RATE_LIMIT_LOGIN: bad }), bad).toThrow(/RATE_LIMIT_LOGIN/);
    }
  });

  it('is on unless RATE_LIMITS says off', () => {
    expect(parseEnv({}).RATE_LIMITS).toBe(true);
    expect(parseEnv({ RATE_LIMITS: 'OFF' }).RATE_LIMITS).toBe(false);
    expect(parseEnv({ RATE_LIMITS: 'false' }).RATE_LIMITS).toBe(false);
    expect(() => parseEnv({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS/);
  });
});
