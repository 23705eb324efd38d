import { AuthError } from '@otp-auth/auth';
import type { PrismaClient } from '@otp-auth/db';
import {
  rateLimitedActions,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitKeys,
  type SignInAttempt,
} from '@otp-auth/api';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { ipBucket } from './ip-bucket';

/** `points` attempts per `duration` seconds. */
interface LimitRule {
  points: number;
  duration: number;
}
export interface ActionLimits {
  ip?: LimitRule | undefined;
  /** Per account; for login, the failures after which every attempt is slowed down. */
  account?: LimitRule | undefined;
  /** Login only: failures per account from one client, a hard limit (ADR 121). */
  account_ip?: LimitRule | undefined;
}
export type RateLimitSettings = Record<RateLimitedAction, ActionLimits>;

/** Per IP generous enough for an office behind one NAT; per account tight enough that
 * guessing a password or a code by script is hopeless. */
export const defaultRateLimits: RateLimitSettings = {
  register: { ip: { points: 50, duration: 3600 }, account: { points: 10, duration: 3600 } },
  // Failed guesses only: 10 per account from one client, then 429; past 20 per account from
  // anywhere, every attempt on it waits (ADR 121).
  login: {
    ip: { points: 100, duration: 900 },
    account_ip: { points: 10, duration: 900 },
    account: { points: 20, duration: 900 },
  },
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

type Scope = keyof ActionLimits;
const rulePattern = /^(\w+)=(\d+)\/(\d+)$/;

/** `ip=100/900,account=10/900`: points per seconds for each of `scopes`; a scope left out keeps
 * its default, `ip=0/1` style zero points is refused (use RATE_LIMITS=off). */
function specOf(scopes: readonly Scope[]) {
  const names = scopes.join(', ');
  return z
    .string()
    .trim()
    .transform((spec, ctx) => {
      const limits: ActionLimits = {};
      for (const part of spec.split(',').map((p) => p.trim())) {
        const match = rulePattern.exec(part);
        const scope = match?.[1] as Scope | undefined;
        const points = Number(match?.[2]);
        const duration = Number(match?.[3]);
        if (!scope || !scopes.includes(scope) || points < 1 || duration < 1) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not scope=points/seconds (scope: ${names})`,
          });
          return z.NEVER;
        }
        limits[scope] = { points, duration };
      }
      return limits;
    });
}

export const limitSpec = specOf(['ip', 'account']);
/** Login has a third scope: failures per account from one client. */
export const loginLimitSpec = specOf(['ip', 'account_ip', 'account']);

export function withOverrides(
  overrides: Partial<Record<RateLimitedAction, ActionLimits | undefined>>,
): RateLimitSettings {
  const settings = { ...defaultRateLimits };
  for (const action of rateLimitedActions) {
    settings[action] = { ...defaultRateLimits[action], ...overrides[action] };
  }
  return settings;
}

/** How long a sign-in waits once its account has had `failures` failed guesses in the window
 * against a threshold of `threshold`: 250 ms at the threshold, doubling with each further
 * failure, 10 s at most. The owner still gets in, a little later; a guesser gets as few answers
 * per second as the parallel connections each client's hard limit allows. */
export function slowdownMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(SLOWDOWN_MAX_MS, SLOWDOWN_BASE_MS * 2 ** (failures - threshold));
}
const SLOWDOWN_BASE_MS = 250;
const SLOWDOWN_MAX_MS = 10_000;

/** Throws `rate_limited` with the longest wait among the refusals; a store failure is a server
 * fault, not a verdict on the client. */
async function refuseIfOver(attempts: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(attempts);
  let waitMs = -1;
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
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
}

const nothingToForgive: SignInAttempt = { forgive: () => Promise.resolve() };

/** Counters live in the `rate_limits` table (rate-limiter-flexible's Prisma store), so every
 * server instance sharing the database shares them. */
export function createRateLimiter(prisma: PrismaClient, settings: RateLimitSettings): RateLimiter {
  let cleanerTaken = false;
  const make = (action: RateLimitedAction, scope: Scope, rule: LimitRule | undefined) => {
    if (!rule) return undefined;
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
      return [action, { ip: make(action, 'ip', ip), account: make(action, 'account', account) }];
    }),
  );
  const login = limiters.get('login');
  const loginPerClient = make('login', 'account_ip', settings.login.account_ip);
  const slowdownAfter = settings.login.account?.points ?? Infinity;

  return {
    async consume(action: RateLimitedAction, keys: RateLimitKeys) {
      const pair = limiters.get(action);
      const attempts: Promise<unknown>[] = [];
      if (pair?.ip && keys.ip) attempts.push(pair.ip.consume(ipBucket(keys.ip)));
      if (pair?.account && keys.account) attempts.push(pair.account.consume(keys.account));
      await refuseIfOver(attempts);
    },

    async beginSignIn(keys: RateLimitKeys): Promise<SignInAttempt> {
      const client = keys.ip === undefined ? undefined : ipBucket(keys.ip);
      if (login?.ip && client) await refuseIfOver([login.ip.consume(client)]);
      if (!keys.account) return nothingToForgive;
      const counted: [RateLimiterPrisma, string][] = [];
      // Counted before the attempt runs, so that parallel guesses cannot all slip under it.
      if (loginPerClient) {
        const pairKey = `${keys.account}|${client ?? ''}`;
        await refuseIfOver([loginPerClient.consume(pairKey)]);
        counted.push([loginPerClient, pairKey]);
      }
      if (login?.account) {
        // Never a refusal: someone else's guesses must not lock the owner out.
        const spent = await login.account.penalty(keys.account);
        counted.push([login.account, keys.account]);
        const wait = slowdownMs(spent.consumedPoints - 1, slowdownAfter);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return {
        async forgive() {
          await Promise.all(counted.map(([limiter, key]) => limiter.reward(key)));
        },
      };
    },
  };
}
