// An admin has a code mailed to an account: a new verification code to a pending account, or
// a password reset code to an enabled one. The same codes, mails and send limits as when the
// owner asks (cooldown and hourly cap per address), so an admin cannot flood an inbox either.
import type { AdminUserInput, MessageOutput } from '@otp-auth/validators';
import { recordAudit, type AuditEntry } from '../audit';
import type { CodePurpose } from '../code-purpose';
import { issueCode, maySendCode } from '../codes/issue';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { accountStateConflict, userNotFound } from './errors';

export async function resendVerification(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: AdminUserInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const email = await mailCode(ctx, admin, data.user_id, meta, {
    purpose: 'verify_email',
    audit: 'verification_resent',
    refuse: (user) =>
      user.emailVerifiedAt
        ? 'This account is already verified.'
        : user.isActive
          ? null
          : 'This account is disabled: enable it first.',
  });
  return { message: `A new verification code was sent to ${email}.` };
}

export async function sendPasswordReset(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: AdminUserInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const email = await mailCode(ctx, admin, data.user_id, meta, {
    purpose: 'password_reset',
    audit: 'password_reset_requested',
    refuse: (user) => (user.isActive ? null : 'This account is disabled: enable it first.'),
  });
  return { message: `A password reset code was sent to ${email}.` };
}

interface CodeAction {
  purpose: CodePurpose;
  audit: AuditEntry['type'];
  /** Why this account cannot get the code now, or null. */
  refuse: (user: { isActive: boolean; emailVerifiedAt: Date | null }) => string | null;
}

/** The code, its mail and the event naming the admin, in one transaction. */
async function mailCode(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  userId: string,
  meta: RequestMeta,
  action: CodeAction,
): Promise<string> {
  const email = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, isActive: true, emailVerifiedAt: true },
    });
    if (!user) throw userNotFound();
    const refusal = action.refuse(user);
    if (refusal) throw accountStateConflict(refusal);
    if (!(await maySendCode(ctx, tx, action.purpose, user.email))) {
      throw new AuthError(
        'rate_limited',
        'A code went to this address moments ago, or too many this hour. Try again later.',
        { retryAfter: ctx.config.otpResendCooldownSeconds },
      );
    }
    await issueCode(ctx, tx, action.purpose, { email: user.email, userId });
    await recordAudit(tx, { type: action.audit, userId, actorId: admin.userId }, meta);
    return user.email;
  });
  ctx.mailQueued();
  return email;
}
