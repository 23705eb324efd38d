import { domainErrorOf, mfaChallengeUserId } from '@otp-auth/auth';
import type { ErrorCode } from '@otp-auth/validators';
import { TRPCError } from '@trpc/server';
import type { Context } from './context';

/** The answers that mean "a guess, and a wrong one": only these count against an account.
 * A right password (of an account that is disabled, unverified or has two-factor on too), a
 * malformed request or a busy server costs the account nothing (ADR 121). */
const FAILED_GUESSES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_credentials',
  'otp_invalid',
  'otp_attempts_exceeded',
]);

function isFailedGuess(error: unknown): boolean {
  const domain = domainErrorOf(error instanceof TRPCError ? error.cause : error);
  return domain !== null && FAILED_GUESSES.has(domain.code);
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/** Runs one sign-in step, counted against `account` before it runs and forgiven after unless
 * it was a failed guess. */
export async function countedSignIn<R extends Outcome>(
  ctx: Context,
  account: string | undefined,
  run: () => Promise<R>,
): Promise<R> {
  if (!ctx.rateLimiter) return run();
  const attempt = await ctx.rateLimiter.beginSignIn({ ip: ctx.meta.ip, account });
  const result = await run();
  if (result.ok || !isFailedGuess(result.error)) {
    // A refund that fails only over-counts: the sign-in's own answer stands.
    await attempt.forgive().catch(() => undefined);
  }
  return result;
}

/** The account a second step's mfa_token belongs to, read from the raw input. */
export async function mfaAccountOf(ctx: Context, raw: unknown): Promise<string | undefined> {
  const token =
    typeof raw === 'object' && raw !== null ? (raw as { mfa_token?: unknown }).mfa_token : null;
  return typeof token === 'string' && token.length <= 4096
    ? mfaChallengeUserId(ctx.auth, token)
    : undefined;
}
