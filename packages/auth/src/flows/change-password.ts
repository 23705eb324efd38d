import type { ChangePasswordInput, ChangePasswordOutput } from '@otp-auth/validators';
import { assertCurrentPassword } from '../account/current-password';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { passwordChangedMail } from '../mail/templates';
import { hashPassword } from '../password';
import { assertPasswordAllowed } from '../password-policy';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { renewSession } from '../sessions/open';
import { revokeSessions } from '../sessions/revoke';
import { requireStepUp, stepUpDetail } from '../two-factor/step-up';
import { emitEvent } from '../webhooks/emit';

/** Changes the password, ends every other session, and hands the current one fresh tokens.
 * With two-factor on, the request also carries a second factor (step-up). */
export async function changePassword(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: ChangePasswordInput,
  meta: RequestMeta,
): Promise<ChangePasswordOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.old_password, 'old_password');
  assertPasswordAllowed(data.new_password, auth.profile);
  const hash = await hashPassword(ctx, data.new_password);
  await ctx.keys.ready();

  const pair = await ctx.prisma.$transaction(async (tx) => {
    const factor = await requireStepUp(ctx, tx, auth.userId, data);
    await tx.password.update({ where: { userId: auth.userId }, data: { hash } });
    await revokeSessions(
      ctx,
      tx,
      { userId: auth.userId, id: { not: auth.sessionId } },
      'password_change',
    );
    // The current session's earlier refresh tokens are retired; its new pair replaces them.
    await tx.refreshToken.updateMany({
      where: { sessionId: auth.sessionId, revokedAt: null },
      data: { revokedAt: ctx.clock.now() },
    });
    await enqueueMail(tx, auth.profile.email, passwordChangedMail(ctx.config), ctx.clock.now());
    await recordAudit(
      tx,
      { type: 'password_change', userId: auth.userId, detail: stepUpDetail(factor) },
      meta,
    );
    await emitEvent(tx, ctx.clock.now(), {
      type: 'user.password_changed',
      data: { user_id: auth.userId, reason: 'change' },
    });
    return renewSession(ctx, tx, { id: auth.sessionId, userId: auth.userId });
  });
  ctx.mailQueued();
  return { message: 'Password changed. Other sessions were signed out.', ...pair };
}
