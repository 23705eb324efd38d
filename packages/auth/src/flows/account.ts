import type { ChangePasswordOutput, ProfileOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { tokenNotValid } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { passwordChangedMail } from '../mail/templates';
import { hashPassword } from '../password';
import { assertPasswordAllowed } from '../password-policy';
import { assertCurrentPassword } from './password-check';
import { profileSelect, toProfile } from './profile-view';
import { issuePair, revokeSessions } from './sessions';

export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
  profile: ProfileOutput;
}

/** Checks an access token: signature and claims, then one indexed query that the session is
 * alive and the user active. A logged-out session's access tokens die at once. */
export async function authenticate(
  ctx: AuthContext,
  accessToken: string,
): Promise<AuthenticatedUser> {
  const claims = await ctx.tokens.verifyAccess(accessToken);
  const session = await ctx.prisma.session.findFirst({
    where: {
      id: claims.sid,
      userId: claims.user_id,
      revokedAt: null,
      expiresAt: { gt: ctx.clock.now() },
      user: { isActive: true },
    },
    select: { user: { select: profileSelect } },
  });
  if (!session) throw tokenNotValid();
  const { user } = session;
  return { userId: user.id, sessionId: claims.sid, profile: toProfile(user) };
}

/** Changes the password, ends every other session, and hands the current one fresh tokens. */
export async function changePassword(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: { old_password: string; new_password: string },
  meta: RequestMeta,
): Promise<ChangePasswordOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.old_password, 'old_password');
  assertPasswordAllowed(data.new_password, auth.profile);
  const hash = await hashPassword(data.new_password, ctx.config.bcryptCost);
  await ctx.keys.ready();

  const pair = await ctx.prisma.$transaction(async (tx) => {
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
    await recordAudit(tx, { type: 'password_change', userId: auth.userId }, meta);
    return issuePair(ctx, tx, { id: auth.sessionId, userId: auth.userId });
  });
  ctx.mailQueued();
  return { message: 'Password changed. Other sessions were signed out.', ...pair };
}
