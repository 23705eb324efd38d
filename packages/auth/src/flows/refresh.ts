import type { RefreshInput, TokenPairOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { tokenNotValid } from '../errors';
import type { RequestMeta } from '../request-meta';
import { revokeSessions } from '../sessions/revoke';
import { rotateRefreshToken } from '../sessions/statements';

/** Rotates a refresh token. Presenting one that was already rotated means it was copied:
 * the whole family (session) is revoked, the thief's tokens and the owner's alike. */
export async function refresh(
  ctx: AuthContext,
  data: RefreshInput,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const claims = ctx.tokens.verifyRefresh(data.refresh);
  const now = ctx.clock.now();
  // Both signed (the key opened) before the rotation: a failure there must not leave the
  // client's token retired. The access token carries the role the rotation read.
  const { refresh: next, withRole } = await ctx.tokens.issuePair(claims.user_id, claims.sid);
  const role = await rotateRefreshToken(ctx.prisma, {
    sessionId: claims.sid,
    userId: claims.user_id,
    oldJti: claims.jti,
    newJti: next.jti,
    now,
    expiresAt: next.expiresAt,
    maxLifetimeSeconds: ctx.config.sessionMaxLifetimeSeconds,
  });
  if (role) return withRole(role);
  // Not rotated: an unknown token, a dead session, or a token rotated before (reuse).
  const row = await ctx.prisma.refreshToken.findUnique({
    where: { jti: claims.jti },
    select: { sessionId: true, revokedAt: true },
  });
  if (row?.sessionId === claims.sid && row.revokedAt) {
    await revokeForReuse(ctx, claims.sid, claims.user_id, meta);
  }
  throw tokenNotValid();
}

async function revokeForReuse(
  ctx: AuthContext,
  sessionId: string,
  userId: string,
  meta: RequestMeta,
): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    await revokeSessions(ctx, tx, { id: sessionId }, 'refresh_reuse');
    await recordAudit(tx, { type: 'refresh_reuse', userId, detail: { sessionId } }, meta);
  });
  ctx.securityEvent({ type: 'refresh_reuse', userId, sessionId }, meta);
}
