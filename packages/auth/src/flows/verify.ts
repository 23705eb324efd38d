import type { MessageOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { AuthError } from '../errors';
import { hashCode, hashesEqual } from '../otp';
import { isUniqueViolation } from '../unique-violation';
import { VERIFY_EMAIL, issueDecoy } from './codes';

const where = (email: string) => ({ email_purpose: { email, purpose: VERIFY_EMAIL } });

/** Checks a code. Every email has a live code row (a decoy where there is no pending account),
 * so unknown, pending and verified emails get the same answers in the same order. */
export async function verifyOtp(
  ctx: AuthContext,
  data: { email: string; otp: string },
  meta: RequestMeta,
): Promise<MessageOutput> {
  const { email } = data;
  const max = ctx.config.maxOtpAttempts;
  await ensureCodeRow(ctx, email);
  const now = ctx.clock.now();

  // One atomic statement spends an attempt, so parallel guesses can never exceed the budget.
  const [spent] = await ctx.prisma.emailCode.updateManyAndReturn({
    where: {
      email,
      purpose: VERIFY_EMAIL,
      attempts: { lt: max },
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { attempts: { increment: 1 } },
    select: { id: true, codeHmac: true, attempts: true, userId: true },
  });
  if (!spent) throw await whyUnusable(ctx, email);

  if (!hashesEqual(spent.codeHmac, hashCode(ctx.config.otpSecret, data.otp))) {
    const left = max - spent.attempts;
    throw new AuthError(
      'otp_invalid',
      left > 0
        ? `Invalid code. ${left} attempt${left === 1 ? '' : 's'} left.`
        : 'Invalid code. No attempts left: request a new code.',
      { details: { attempts_left: left } },
    );
  }

  const userId = spent.userId;
  if (userId === null) throw new AuthError('otp_invalid', 'Invalid code.');
  await ctx.prisma.$transaction(async (tx) => {
    // Single use: the row goes, and the email is left with no live code (as a verified one is).
    const removed = await tx.emailCode.deleteMany({ where: { id: spent.id, usedAt: null } });
    if (removed.count === 0) throw new AuthError('otp_expired', 'This code was already used.');
    await tx.user.updateMany({
      where: { id: userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: now },
    });
    await recordAudit(tx, { type: 'verify', userId, email }, meta);
  });
  return { message: 'Email verified. You can now log in.' };
}

async function ensureCodeRow(ctx: AuthContext, email: string): Promise<void> {
  const row = await ctx.prisma.emailCode.findUnique({ where: where(email), select: { id: true } });
  if (row) return;
  try {
    await ctx.prisma.$transaction((tx) => issueDecoy(ctx, tx, email));
  } catch (error) {
    // A parallel request created the row first; that row serves.
    if (!isUniqueViolation(error)) throw error;
  }
}

async function whyUnusable(ctx: AuthContext, email: string): Promise<AuthError> {
  const row = await ctx.prisma.emailCode.findUnique({
    where: where(email),
    select: { attempts: true, expiresAt: true },
  });
  if (row && row.attempts >= ctx.config.maxOtpAttempts) {
    return new AuthError('otp_attempts_exceeded', 'Too many wrong codes. Request a new code.', {
      details: { attempts_left: 0 },
    });
  }
  return new AuthError('otp_expired', 'This code has expired. Request a new code.');
}
