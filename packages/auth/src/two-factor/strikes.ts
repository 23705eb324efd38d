import type { Prisma } from '@otp-auth/db';
import { recordAudit } from '../audit';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { secondFactorLockedMail } from '../mail/two-factor-templates';
import type { RequestMeta } from '../request-meta';

/**
 * Wrong second-step codes of an account, counted across its sign-in challenges (ADR 127). A
 * guess is counted before its code is read, in one conditional upsert that refuses while the
 * second step is locked or the count is at the limit: parallel guesses, on any number of
 * instances, never get more than `secondFactorMaxFailures` codes read in a row.
 */
export async function reserveSecondStepGuess(
  ctx: AuthContext,
  userId: string,
): Promise<{ failures: number }> {
  const now = ctx.clock.now();
  const [counted] = await ctx.prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO second_factor_strikes (user_id, failures) VALUES (${userId}::uuid, 1)
    ON CONFLICT (user_id) DO UPDATE SET failures = second_factor_strikes.failures + 1
    WHERE (second_factor_strikes.locked_until IS NULL OR second_factor_strikes.locked_until <= ${now})
      AND second_factor_strikes.failures < ${ctx.config.secondFactorMaxFailures}
    RETURNING failures`;
  if (counted) return counted;
  const row = await ctx.prisma.secondFactorStrikes.findUnique({
    where: { userId },
    select: { lockedUntil: true },
  });
  // At the limit with the lock not written yet: the guess that reached it is locking it now.
  const until =
    row?.lockedUntil && row.lockedUntil > now
      ? row.lockedUntil
      : addSeconds(now, ctx.config.secondFactorLockSeconds);
  throw secondFactorLocked(Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** A right code ends the run of wrong ones. */
export async function clearStrikes(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.secondFactorStrikes.updateMany({
    where: { userId, failures: { gt: 0 } },
    data: { failures: 0 },
  });
}

/** A wrong code that reached the limit locks the second step (once, whoever races) and tells
 * the owner that someone knows the password; its answer is the lock. The count starts again
 * when the lock ends. */
export async function lockIfStruckOut(
  ctx: AuthContext,
  userId: string,
  failures: number,
  meta: RequestMeta,
): Promise<void> {
  const max = ctx.config.secondFactorMaxFailures;
  if (failures < max) return;
  const now = ctx.clock.now();
  const locked = await ctx.prisma.$transaction(async (tx) => {
    const done = await tx.secondFactorStrikes.updateMany({
      where: { userId, failures: { gte: max } },
      data: { failures: 0, lockedUntil: addSeconds(now, ctx.config.secondFactorLockSeconds) },
    });
    if (done.count === 0) return false;
    const owner = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (owner) {
      const mail = secondFactorLockedMail(ctx.config, max, ctx.config.secondFactorLockSeconds);
      await enqueueMail(tx, owner.email, mail, now);
    }
    await recordAudit(
      tx,
      { type: 'second_factor_locked', userId, detail: { failures: max } },
      meta,
    );
    return true;
  });
  if (!locked) return;
  ctx.mailQueued();
  throw secondFactorLocked(ctx.config.secondFactorLockSeconds);
}

function secondFactorLocked(retryAfter: number): AuthError {
  return new AuthError(
    'second_factor_locked',
    'Too many wrong codes: two-factor sign-in to this account is locked for now. Try again later.',
    { retryAfter },
  );
}
