import type { Prisma } from '@otp-auth/db';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { decoyHash, hashCode, hashesEqual } from '../otp';
import type { CodePurpose } from '../code-purpose';
import { codeKey } from './issue';

/** A code that matched: the row to consume and what it was issued for. */
export interface MatchedCode {
  id: string;
  /** The code's hash as matched: the row is consumed only while it still holds this code. */
  codeHmac: string;
  userId: string;
  newEmail: string | null;
}

/** Spends one guess on the (email, purpose) code and returns the row if the guess matched.
 * Every address has a row (a decoy is created where there is none), so unknown, pending and
 * verified addresses get the same answers in the same order, at the same database cost. */
export async function spendCode(
  ctx: AuthContext,
  purpose: CodePurpose,
  email: string,
  otp: string,
): Promise<MatchedCode> {
  const max = ctx.config.maxOtpAttempts;
  await ensureCodeRow(ctx, purpose, email);
  const now = ctx.clock.now();

  // One atomic statement spends an attempt, so parallel guesses can never exceed the budget.
  const [spent] = await ctx.prisma.emailCode.updateManyAndReturn({
    where: { email, purpose, attempts: { lt: max }, usedAt: null, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
    select: { id: true, codeHmac: true, attempts: true, userId: true, newEmail: true },
  });
  if (!spent) throw await whyUnusable(ctx, purpose, email);

  if (!hashesEqual(spent.codeHmac, hashCode(ctx.config.otpSecret, otp))) {
    const left = max - spent.attempts;
    throw new AuthError(
      'otp_invalid',
      left > 0
        ? `Invalid code. ${left} attempt${left === 1 ? '' : 's'} left.`
        : 'Invalid code. No attempts left: request a new code.',
      { details: { attempts_left: left } },
    );
  }
  if (spent.userId === null) throw new AuthError('otp_invalid', 'Invalid code.');
  return {
    id: spent.id,
    codeHmac: spent.codeHmac,
    userId: spent.userId,
    newEmail: spent.newEmail,
  };
}

/** Single use: the row goes, inside the transaction that acts on the code. A parallel request
 * that consumed it first, or a new code written over it since the guess (a new registration of a
 * pending address, ADR 123), makes this one fail. */
export async function consumeCode(
  tx: Prisma.TransactionClient,
  code: Pick<MatchedCode, 'id' | 'codeHmac'>,
): Promise<void> {
  const removed = await tx.emailCode.deleteMany({
    where: { id: code.id, codeHmac: code.codeHmac, usedAt: null },
  });
  if (removed.count === 0) throw new AuthError('otp_expired', 'This code was already used.');
}

/** One statement whether or not the row exists (`ON CONFLICT DO NOTHING`), so that checking
 * an unknown address costs what checking a known one does. */
async function ensureCodeRow(ctx: AuthContext, purpose: CodePurpose, email: string) {
  const now = ctx.clock.now();
  await ctx.prisma.emailCode.createMany({
    data: {
      email,
      purpose,
      userId: null,
      codeHmac: decoyHash(),
      // Never sent: starts no cooldown, counts toward no hourly cap.
      sentAt: new Date(0),
      windowStartedAt: new Date(0),
      sendCount: 0,
      expiresAt: addSeconds(now, ctx.config.otpTtlSeconds),
    },
    skipDuplicates: true,
  });
}

async function whyUnusable(
  ctx: AuthContext,
  purpose: CodePurpose,
  email: string,
): Promise<AuthError> {
  const row = await ctx.prisma.emailCode.findUnique({
    where: codeKey(email, purpose),
    select: { attempts: true },
  });
  if (row && row.attempts >= ctx.config.maxOtpAttempts) {
    return new AuthError('otp_attempts_exceeded', 'Too many wrong codes. Request a new code.', {
      details: { attempts_left: 0 },
    });
  }
  return new AuthError('otp_expired', 'This code has expired. Request a new code.');
}
