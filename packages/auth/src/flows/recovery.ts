import type { ForgotPasswordInput, MessageOutput, ResetPasswordInput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import { answerNoSoonerThan } from '../answer-floor';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { AuthError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { passwordResetMail } from '../mail/templates';
import { hashPassword } from '../password';
import { assertPasswordAllowed, assertPasswordNotCommon } from '../password-policy';
import { consumeCode, spendCode } from '../codes/check';
import { sendCodeOrDecoy } from '../codes/issue';
import { revokeSessions } from '../sessions/revoke';
import { emitEvent } from '../webhooks/emit';

const CODE_SENT: MessageOutput = {
  message: 'If this email has an account, a password reset code has been sent to it.',
};

/** Same answer, same statements for every address: an account (pending or verified) gets a
 * `password_reset` code, any other address a decoy, so the confirmation answers alike. */
export function forgotPassword(
  ctx: AuthContext,
  data: ForgotPasswordInput,
): Promise<MessageOutput> {
  return answerNoSoonerThan(ctx.config.codeRequestFloorMs, () => sendResetCode(ctx, data.email));
}

async function sendResetCode(ctx: AuthContext, email: string): Promise<MessageOutput> {
  const queued = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, isActive: true },
    });
    const userId = user?.isActive ? user.id : null;
    return sendCodeOrDecoy(ctx, tx, 'password_reset', email, userId);
  });
  if (queued) ctx.mailQueued();
  return CODE_SENT;
}

/** Sets a new password with the mailed code. Every session of the account ends (their access
 * and refresh tokens die at once); a pending account is verified too, since the code proves
 * the inbox. */
export function resetPassword(
  ctx: AuthContext,
  data: ResetPasswordInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  return answerNoSoonerThan(ctx.config.codeRequestFloorMs, () => setNewPassword(ctx, data, meta));
}

async function setNewPassword(
  ctx: AuthContext,
  data: ResetPasswordInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  // Rules that need no account first, so a refused password costs no guess.
  assertPasswordNotCommon(data.new_password, 'new_password');
  const code = await spendCode(ctx, 'password_reset', data.email, data.otp);
  const user = await ctx.prisma.user.findUnique({
    where: { id: code.userId },
    select: { email: true, username: true },
  });
  if (!user) throw new AuthError('otp_expired', 'This code has expired. Request a new code.');
  assertPasswordAllowed(data.new_password, user, 'new_password');
  const hash = await hashPassword(ctx, data.new_password);

  await ctx.prisma.$transaction(async (tx) => {
    await consumeCode(tx, code.id);
    const now = ctx.clock.now();
    await tx.password.upsert({
      where: { userId: code.userId },
      create: { userId: code.userId, hash },
      update: { hash },
    });
    const verified = await tx.user.updateMany({
      where: { id: code.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: now },
    });
    // A sign-up code still live for this address is of no use any more.
    await tx.emailCode.deleteMany({ where: { userId: code.userId, purpose: 'verify_email' } });
    await revokeSessions(ctx, tx, { userId: code.userId }, 'password_reset');
    await enqueueMail(tx, user.email, passwordResetMail(ctx.config), now);
    await recordAudit(tx, { type: 'password_reset', userId: code.userId }, meta);
    await emitEvent(
      tx,
      now,
      ...(verified.count > 0
        ? [{ type: 'user.verified' as const, data: { user_id: code.userId, email: user.email } }]
        : []),
      { type: 'user.password_changed', data: { user_id: code.userId, reason: 'reset' } },
    );
  });
  ctx.mailQueued();
  return { message: 'Password reset. Every session was signed out: log in with the new one.' };
}
