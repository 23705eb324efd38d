import type { ProfileOutput, Role } from '@otp-auth/validators';
import { profileSelect, toProfile } from '../account/profile-view';
import type { AuthContext } from '../context';
import { tokenNotValid } from '../errors';

/** The caller of a signed-in use case: who, in which session, with which role. */
export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
  profile: ProfileOutput;
  /** What this call may do: the role its token carries, as long as the account still holds
   * it. A role granted since the token was issued counts from the next token; a role taken
   * away counts at once (ADR 150). */
  role: Role;
}

/** The role a call gets: the token's, unless the account no longer holds it. */
function effectiveRole(tokenRole: Role, accountRole: Role): Role {
  return tokenRole === 'admin' && accountRole === 'admin' ? 'admin' : 'user';
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
  if (cached) {
    return {
      userId: cached.userId,
      sessionId: claims.sid,
      profile: cached.profile,
      role: effectiveRole(claims.role, cached.role),
    };
  }

  const epoch = ctx.cache.epoch();
  const session = await ctx.prisma.session.findFirst({
    where: {
      id: claims.sid,
      userId: claims.user_id,
      revokedAt: null,
      expiresAt: { gt: new Date(nowMs) },
      user: { isActive: true },
    },
    select: { expiresAt: true, user: { select: { ...profileSelect, role: true } } },
  });
  if (!session) throw tokenNotValid();
  const { user } = session;
  const profile = toProfile(user);
  ctx.cache.rememberSession(
    epoch,
    { sessionId: claims.sid, expiresAtMs: session.expiresAt.getTime(), profile, role: user.role },
    nowMs,
  );
  return {
    userId: user.id,
    sessionId: claims.sid,
    profile,
    role: effectiveRole(claims.role, user.role),
  };
}
