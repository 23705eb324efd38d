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

/** Checks an access token: signature and claims (once per token and process), then that the
 * session is alive and the user active — from the session cache when it holds them, else one
 * indexed query. A revoked session's access tokens die at once (ADR 100). */
export async function authenticate(
  ctx: AuthContext,
  accessToken: string,
): Promise<AuthenticatedUser> {
  const nowMs = ctx.clock.now().getTime();
  let claims = ctx.cache.verifiedToken(accessToken, nowMs);
  if (!claims) {
    claims = await ctx.tokens.verifyAccess(accessToken);
    ctx.cache.rememberToken(accessToken, claims);
  }
  const cached = ctx.cache.liveSession(claims.sid, claims.user_id, nowMs);
  if (cached) return { userId: cached.userId, sessionId: claims.sid, profile: cached.profile };

  const epoch = ctx.cache.epoch();
  const session = await ctx.prisma.session.findFirst({
    where: {
      id: claims.sid,
      userId: claims.user_id,
      revokedAt: null,
      expiresAt: { gt: new Date(nowMs) },
      user: { isActive: true },
    },
    select: { expiresAt: true, user: { select: profileSelect } },
  });
  if (!session) throw tokenNotValid();
  const { user } = session;
  const profile = toProfile(user);
  ctx.cache.rememberSession(
    epoch,
    { sessionId: claims.sid, expiresAtMs: session.expiresAt.getTime(), profile },
    nowMs,
  );
  return { userId: user.id, sessionId: claims.sid, profile };
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
