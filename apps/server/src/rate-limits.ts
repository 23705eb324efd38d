import { AuthError } from '@otp-auth/auth';
import type { PrismaClient } from '@otp-auth/db';
import {
  rateLimitedActions,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitKeys,
} from '@otp-auth/api';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';

/** `points` attempts per `duration` seconds. */
interface LimitRule {
  points: number;
  duration: number;
}
export interface ActionLimits {
  ip?: LimitRule | undefined;
  account?: LimitRule | undefined;
}
export type RateLimitSettings = Record<RateLimitedAction, ActionLimits>;

/** Per IP generous enough for an office behind one NAT; per account tight enough that
 * guessing a password or a code by script is hopeless. */
export const defaultRateLimits: RateLimitSettings = {
  register: { ip: { points: 50, duration: 3600 }, account: { points: 10, duration: 3600 } },
  login: { ip: { points: 100, duration: 900 }, account: { points: 10, duration: 900 } },
  verify: { ip: { points: 100, duration: 900 }, account: { points: 10, duration: 900 } },
  resend: { ip: { points: 50, duration: 3600 }, account: { points: 10, duration: 3600 } },
  refresh: { ip: { points: 300, duration: 900 } },
  change_password: { ip: { points: 50, duration: 900 }, account: { points: 10, duration: 900 } },
  two_factor: { ip: { points: 50, duration: 900 }, account: { points: 10, duration: 900 } },
  forgot_password: { ip: { points: 50, duration: 3600 }, account: { points: 10, duration: 3600 } },
  reset_password: { ip: { points: 100, duration: 900 }, account: { points: 10, duration: 900 } },
  change_email: { ip: { points: 50, duration: 3600 }, account: { points: 10, duration: 3600 } },
  delete_account: { ip: { points: 50, duration: 900 }, account: { points: 10, duration: 900 } },
  // A sign-in at a provider is two requests (start, callback); linking counts per account too.
  external_sign_in: {
    ip: { points: 100, duration: 900 },
    account: { points: 10, duration: 900 },
  },
  // Adding, renaming and removing passkeys (signing in with one counts as a login).
  passkey: { ip: { points: 50, duration: 900 }, account: { points: 20, duration: 900 } },
};

const rulePattern = /^(ip|account)=(\d+)\/(\d+)$/;

/** `ip=100/900,account=10/900`: points per seconds for each scope; a scope left out keeps its
 * default, `ip=0/1` style zero points is refused (use RATE_LIMITS=off). */
export const limitSpec = z
  .string()
  .trim()
  .transform((spec, ctx) => {
    const limits: ActionLimits = {};
    for (const part of spec.split(',').map((p) => p.trim())) {
      const match = rulePattern.exec(part);
      const points = Number(match?.[2]);
      const duration = Number(match?.[3]);
      if (!match || points < 1 || duration < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part}" is not scope=points/seconds (scope: ip or account)`,
        });
        return z.NEVER;
      }
      limits[match[1] as 'ip' | 'account'] = { points, duration };
    }
    return limits;
  });

export function withOverrides(
  overrides: Partial<Record<RateLimitedAction, ActionLimits | undefined>>,
): RateLimitSettings {
  const settings = { ...defaultRateLimits };
  for (const action of rateLimitedActions) {
    settings[action] = { ...defaultRateLimits[action], ...overrides[action] };
  }
  return settings;
}

/** Counters live in the `rate_limits` table (rate-limiter-flexible's Prisma store), so every
 * server instance sharing the database shares them. */
export function createRateLimiter(prisma: PrismaClient, settings: RateLimitSettings): RateLimiter {
  let cleanerTaken = false;
  const make = (action: RateLimitedAction, scope: 'ip' | 'account', rule: LimitRule) => {
    const limiter = new RateLimiterPrisma({
      storeClient: prisma,
      // Prisma's client names the model in lower camel case.
      tableName: 'rateLimiterFlexible',
      keyPrefix: `${action}:${scope}`,
      points: rule.points,
      duration: rule.duration,
      // One limiter sweeping expired rows is enough: the sweep covers the whole table.
      clearExpiredByTimeout: !cleanerTaken,
    });
    cleanerTaken = true;
    return limiter;
  };
  const limiters = new Map(
    rateLimitedActions.map((action) => {
      const { ip, account } = settings[action];
      return [
        action,
        {
          ip: ip ? make(action, 'ip', ip) : undefined,
          account: account ? make(action, 'account', account) : undefined,
        },
      ] as const;
    }),
  );

  return {
    async consume(action: RateLimitedAction, keys: RateLimitKeys) {
      const pair = limiters.get(action);
      const attempts: Promise<unknown>[] = [];
      if (pair?.ip && keys.ip) attempts.push(pair.ip.consume(keys.ip));
      if (pair?.account && keys.account) attempts.push(pair.account.consume(keys.account));
      const results = await Promise.allSettled(attempts);
      let waitMs = -1;
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        // A store failure is a server fault, not a verdict on the client.
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
        waitMs = Math.max(waitMs, result.reason.msBeforeNext);
      }
      if (waitMs >= 0) {
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        throw new AuthError(
          'rate_limited',
          `Too many attempts. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
          { retryAfter },
        );
      }
    },
  };
}
