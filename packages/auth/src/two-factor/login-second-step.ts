import type { LoginSecondStepInput, TokenPairOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { accountDisabled, AuthError, invalidCredentials } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { recoveryCodeSignInMail } from '../mail/two-factor-templates';
import { openSession } from '../sessions/open';
import { mfaTokenHash } from './challenge';
import { mfaTokenInvalid } from './refusals';
import { spendSecondFactor } from './second-factor';
import { clearStrikes, lockIfStruckOut, reserveSecondStepGuess } from './strikes';

/** The second step of a sign-in: the mfa_token from the password step plus a code from the
 * app or a recovery code. Each try spends one of the token's attempts first, in one atomic
 * statement, so parallel guesses can never exceed MAX_OTP_ATTEMPTS; and one of the account's
 * guesses in a row (ADR 127), across all its tokens, so that new tokens bring no new ones. */
export async function loginSecondStep(
  ctx: AuthContext,
  data: LoginSecondStepInput,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const tokenHash = mfaTokenHash(data.mfa_token);
  const max = ctx.config.maxOtpAttempts;
  const now = ctx.clock.now();
  const [spent] = await ctx.prisma.mfaChallenge.updateManyAndReturn({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, attempts: { lt: max } },
    data: { attempts: { increment: 1 } },
    select: { id: true, userId: true, attempts: true },
  });
  if (!spent) throw await whyUnusable(ctx, tokenHash, now);
  const guess = await reserveSecondStepGuess(ctx, spent.userId);

  await ctx.keys.ready(); // signing happens inside the transaction below
  const pair = await ctx.prisma.$transaction(async (tx) => {
    const factor = await spendSecondFactor(ctx, tx, spent.userId, data, meta);
    if (!factor) return null;
    await clearStrikes(tx, spent.userId);
    // Single use: of two parallel successes, one opens a session and the other rolls back.
    const used = await tx.mfaChallenge.updateMany({
      where: { id: spent.id, usedAt: null },
      data: { usedAt: now },
    });
    if (used.count === 0) throw mfaTokenInvalid();
    // An account disabled since the password step gets no session (and keeps its code).
    const account = await tx.user.findUnique({
      where: { id: spent.userId },
      select: { id: true, role: true, isActive: true, email: true },
    });
    if (!account) throw invalidCredentials();
    if (!account.isActive) throw accountDisabled();
    const tokens = await openSession(ctx, tx, account, meta);
    // A recovery code stands in for the phone: every use is told to the owner.
    if (factor === 'recovery_code') {
      const left = await tx.recoveryCode.count({ where: { userId: spent.userId, usedAt: null } });
      await enqueueMail(ctx, tx, account.email, recoveryCodeSignInMail(ctx.config, left), now);
    }
    await recordAudit(
      tx,
      { type: 'login_success', userId: spent.userId, detail: { second_factor: factor } },
      meta,
    );
    return { tokens, mailed: factor === 'recovery_code' };
  });
  if (pair) {
    if (pair.mailed) ctx.mailQueued();
    return pair.tokens;
  }

  await recordAudit(
    ctx.prisma,
    { type: 'login_failure', userId: spent.userId, detail: { step: 'second_factor' } },
    meta,
  );
  await lockIfStruckOut(ctx, spent.userId, guess.failures, meta);
  const left = max - spent.attempts;
  const field = data.passkey ? 'passkey' : data.code === undefined ? 'recovery_code' : 'code';
  const wrong = data.passkey ? 'This passkey could not be verified.' : 'Wrong code.';
  const message =
    left > 0
      ? `${wrong} ${left} attempt${left === 1 ? '' : 's'} left.`
      : `${wrong} No attempts left: sign in again.`;
  throw new AuthError(data.passkey ? 'passkey_verification_failed' : 'otp_invalid', message, {
    fields: { [field]: [message] },
    details: { attempts_left: left },
  });
}

async function whyUnusable(ctx: AuthContext, tokenHash: string, now: Date): Promise<AuthError> {
  const row = await ctx.prisma.mfaChallenge.findUnique({
    where: { tokenHash },
    select: { attempts: true, usedAt: true, expiresAt: true },
  });
  if (row && !row.usedAt && row.expiresAt > now && row.attempts >= ctx.config.maxOtpAttempts) {
    return new AuthError('otp_attempts_exceeded', 'Too many wrong codes. Sign in again.', {
      details: { attempts_left: 0 },
    });
  }
  return mfaTokenInvalid();
}
