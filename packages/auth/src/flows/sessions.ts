import type { Prisma } from '@otp-auth/db';
import type { TokenPairOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { tokenNotValid } from '../errors';
import { insertSession, rotateRefreshToken, uuidv7 } from './session-statements';

type Tx = Prisma.TransactionClient;

/** Issues a refresh token in the session and an access token beside it. Callers await
 * `ctx.keys.ready()` before their transaction, so that signing never reads the keys outside it. */
export async function issuePair(
  ctx: AuthContext,
  tx: Tx,
  session: { id: string; userId: string },
): Promise<TokenPairOutput> {
  const refresh = ctx.tokens.issueRefresh(session.userId, session.id);
  const access = await ctx.tokens.issueAccess(session.userId, session.id);
  await tx.refreshToken.create({
    data: { jti: refresh.jti, sessionId: session.id, expiresAt: refresh.expiresAt },
  });
  await tx.session.update({
    where: { id: session.id },
    data: { expiresAt: refresh.expiresAt, lastUsedAt: ctx.clock.now() },
  });
  return { access: access.token, refresh: refresh.token };
}

export async function startSession(
  ctx: AuthContext,
  userId: string,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  return openSession(ctx, ctx.prisma, userId, meta);
}

/** A new session and its first token pair: one statement, on the client or in the caller's
 * transaction. */
export async function openSession(
  ctx: AuthContext,
  db: Tx,
  userId: string,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const now = ctx.clock.now();
  const sessionId = uuidv7(now.getTime());
  const refresh = ctx.tokens.issueRefresh(userId, sessionId);
  const access = await ctx.tokens.issueAccess(userId, sessionId);
  await insertSession(db, {
    sessionId,
    userId,
    now,
    refreshJti: refresh.jti,
    expiresAt: refresh.expiresAt,
    meta,
  });
  return { access: access.token, refresh: refresh.token };
}

/** Rotates a refresh token. Presenting one that was already rotated means it was copied:
 * the whole family (session) is revoked, the thief's tokens and the owner's alike. */
export async function refresh(
  ctx: AuthContext,
  token: string,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const claims = ctx.tokens.verifyRefresh(token);
  const now = ctx.clock.now();
  const next = ctx.tokens.issueRefresh(claims.user_id, claims.sid);
  // Signed before the rotation: a signing failure must not leave the client's token retired.
  const access = await ctx.tokens.issueAccess(claims.user_id, claims.sid);
  const rotated = await rotateRefreshToken(ctx.prisma, {
    sessionId: claims.sid,
    userId: claims.user_id,
    oldJti: claims.jti,
    newJti: next.jti,
    now,
    expiresAt: next.expiresAt,
  });
  if (rotated) return { access: access.token, refresh: next.token };
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

/** Revokes the live sessions matching `where`: the one way to end sessions. This process's
 * cache drops them at once; other processes hear of it from the database's session events
 * (ADR 100). */
export async function revokeSessions(
  ctx: AuthContext,
  tx: Tx,
  where: Prisma.SessionWhereInput,
  reason: string,
): Promise<number> {
  const revoked = await tx.session.updateManyAndReturn({
    where: { ...where, revokedAt: null },
    data: { revokedAt: ctx.clock.now(), revokedReason: reason },
    select: { id: true },
  });
  ctx.cache.sessionsRevoked(revoked.map((session) => session.id));
  return revoked.length;
}

/** Ends the session the refresh token belongs to; its access tokens die with it. Logging out
 * twice is not an error. */
export async function logout(ctx: AuthContext, token: string, meta: RequestMeta) {
  const claims = ctx.tokens.verifyRefresh(token);
  await ctx.prisma.$transaction(async (tx) => {
    const count = await revokeSessions(
      ctx,
      tx,
      { id: claims.sid, userId: claims.user_id },
      'logout',
    );
    if (count > 0) {
      await recordAudit(tx, { type: 'logout', userId: claims.user_id }, meta);
    }
  });
  return { message: 'Logged out.' };
}

export async function logoutAll(ctx: AuthContext, userId: string, meta: RequestMeta) {
  await ctx.prisma.$transaction(async (tx) => {
    const count = await revokeSessions(ctx, tx, { userId }, 'logout_all');
    await recordAudit(tx, { type: 'logout_all', userId, detail: { sessions: count } }, meta);
  });
  return { message: 'Logged out of every session.' };
}
