import type { ProfileOutput } from '@otp-auth/validators';
import { profileSelect, toProfile } from '../account/profile-view';
import type { AuthContext } from '../context';
import { tokenNotValid } from '../errors';

/** The caller of a signed-in use case: who, in which session. */
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
