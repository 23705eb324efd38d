import type {
  ChangeEmailInput,
  ConfirmEmailChangeInput,
  MessageOutput,
  ProfileOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { AuthError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { emailChangedMail, emailInUseMail } from '../mail/templates';
import { isUniqueViolation } from '../unique-violation';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { consumeCode, spendCode } from '../codes/check';
import { assertCurrentPassword } from '../account/current-password';
import { issueCode, issueDecoy, maySendCode } from '../codes/issue';
import { profileSelect, toProfile } from '../account/profile-view';
import { revokeSessions } from '../sessions/revoke';
import { requireStepUp, stepUpDetail } from '../two-factor/step-up';
import { emitEvent } from '../webhooks/emit';

const CODE_SENT: MessageOutput = {
  message: 'A code was sent to the new address. Your address changes once you enter it.',
};

/** Starts an email change: the new inbox must prove itself before anything switches. The code
 * row is keyed by the current address (purpose `email_change`) and remembers the new one. An
 * address that already has an account gets a notice instead, and the caller the same answer.
 * With two-factor on, the request also carries a second factor (step-up). */
export async function requestEmailChange(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: ChangeEmailInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  const current = auth.profile.email;
  if (data.new_email === current) {
    throw fieldError('new_email', 'This is already the address of your account.');
  }
  await ctx.prisma.$transaction(async (tx) => {
    const factor = await requireStepUp(ctx, tx, auth.userId, data);
    // The caller's own account: saying "wait" tells nothing about anyone else.
    if (!(await maySendCode(ctx, tx, 'email_change', current))) {
      throw new AuthError('rate_limited', 'A code was sent recently. Wait before asking again.', {
        retryAfter: ctx.config.otpResendCooldownSeconds,
      });
    }
    const taken = await tx.user.findUnique({
      where: { email: data.new_email },
      select: { id: true },
    });
    if (taken) {
      await enqueueMail(tx, data.new_email, emailInUseMail(ctx.config), ctx.clock.now());
      await issueDecoy(ctx, tx, 'email_change', current);
    } else {
      await issueCode(ctx, tx, 'email_change', {
        email: current,
        userId: auth.userId,
        newEmail: data.new_email,
      });
    }
    await recordAudit(
      tx,
      { type: 'email_change_request', userId: auth.userId, detail: stepUpDetail(factor) },
      meta,
    );
  });
  ctx.mailQueued();
  return CODE_SENT;
}

/** Switches to the proven address. The old one is told (it may be the only one the owner still
 * reads), and every other session ends. */
export async function confirmEmailChange(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: ConfirmEmailChangeInput,
  meta: RequestMeta,
): Promise<ProfileOutput> {
  const oldEmail = auth.profile.email;
  const code = await spendCode(ctx, 'email_change', oldEmail, data.otp);
  const newEmail = code.newEmail;
  if (code.userId !== auth.userId || newEmail === null) {
    throw new AuthError('otp_invalid', 'Invalid code.');
  }
  try {
    const user = await ctx.prisma.$transaction(async (tx) => {
      await consumeCode(tx, code.id);
      const now = ctx.clock.now();
      const updated = await tx.user.update({
        where: { id: auth.userId },
        data: { email: newEmail },
        select: profileSelect,
      });
      // Codes issued to the old address, for any purpose, must not act on the account now.
      await tx.emailCode.deleteMany({ where: { userId: auth.userId } });
      await revokeSessions(
        ctx,
        tx,
        { userId: auth.userId, id: { not: auth.sessionId } },
        'email_change',
      );
      await enqueueMail(tx, oldEmail, emailChangedMail(ctx.config, newEmail), now);
      await recordAudit(tx, { type: 'email_change', userId: auth.userId }, meta);
      await emitEvent(tx, now, {
        type: 'user.email_changed',
        data: { user_id: auth.userId, email: newEmail, previous_email: oldEmail },
      });
      return updated;
    });
    ctx.mailQueued();
    // This process reads its own write at once; others hear of it from the users trigger.
    ctx.cache.forgetUser(auth.userId);
    return toProfile(user);
  } catch (error) {
    // Someone registered the new address while the code was on its way.
    if (!isUniqueViolation(error)) throw error;
    throw fieldError('otp', 'That address has just been taken by another account.');
  }
}
