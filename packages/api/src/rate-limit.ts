import { AuthError } from '@otp-auth/auth';
import type { TRPCError } from '@trpc/server';
import { protectedProcedure, publicProcedure } from './trpc';

/** The operations an attacker would script: each is limited per client IP and per account. */
export const rateLimitedActions = [
  'register',
  'login',
  'verify',
  'resend',
  'refresh',
  'change_password',
  'two_factor',
  'forgot_password',
  'reset_password',
  'change_email',
  'delete_account',
] as const;
export type RateLimitedAction = (typeof rateLimitedActions)[number];

export interface RateLimitKeys {
  ip?: string | undefined;
  /** The account the request aims at: a normalised email, or a user id when signed in. */
  account?: string | undefined;
}

/** Counts one attempt; throws `AuthError('rate_limited', …, { retryAfter })` when over. */
export interface RateLimiter {
  consume(action: RateLimitedAction, keys: RateLimitKeys): Promise<void>;
}

/** The email a raw request names, normalised as the schema will normalise it. Read before
 * validation so that malformed attempts count too. */
function emailOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const email = (raw as { email?: unknown }).email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : undefined;
}

/** A public procedure whose every call is counted before its input is even parsed. */
export function rateLimitedProcedure(action: RateLimitedAction) {
  return publicProcedure.use(async ({ ctx, getRawInput, next }) => {
    if (ctx.rateLimiter) {
      await ctx.rateLimiter.consume(action, {
        ip: ctx.meta.ip,
        account: emailOf(await getRawInput().catch(() => undefined)),
      });
    }
    return next();
  });
}

/** The second sign-in step counts against the login limits: per IP, and per account through
 * the account its mfa_token belongs to. */
export const mfaLoginProcedure = publicProcedure.use(async ({ ctx, getRawInput, next }) => {
  if (ctx.rateLimiter) {
    const raw = await getRawInput().catch(() => undefined);
    const token =
      typeof raw === 'object' && raw !== null ? (raw as { mfa_token?: unknown }).mfa_token : null;
    const account =
      typeof token === 'string' && token.length <= 4096
        ? await ctx.auth.mfaChallengeEmail(token)
        : undefined;
    await ctx.rateLimiter.consume('login', { ip: ctx.meta.ip, account });
  }
  return next();
});

/** A protected procedure counted per IP and per signed-in user. */
export function rateLimitedProtectedProcedure(action: RateLimitedAction) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    await ctx.rateLimiter?.consume(action, { ip: ctx.meta.ip, account: ctx.user.userId });
    return next();
  });
}

/** `Retry-After` for a response that carries a rate-limit error (RFC 9110 §10.2.3). */
export function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  let seconds: number | undefined;
  for (const error of errors) {
    const cause = error.cause;
    if (cause instanceof AuthError && cause.retryAfter !== undefined) {
      seconds = Math.max(seconds ?? 0, cause.retryAfter);
    }
  }
  return seconds === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}
