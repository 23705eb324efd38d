import type { Prisma } from '@otp-auth/db';
import type { TokenPairOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { tokenNotValid } from '../errors';

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
  await ctx.keys.ready();
  return ctx.prisma.$transaction((tx) => openSession(ctx, tx, userId, meta));
}

/** A new session and its first token pair, in the caller's transaction (which awaited
 * `ctx.keys.ready()` first, as for `issuePair`). */
export async function openSession(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const now = ctx.clock.now();
  const session = await tx.session.create({
    data: {
      userId,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip ?? null,
    },
    select: { id: true, userId: true },
  });
  return issuePair(ctx, tx, session);
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
  const row = await ctx.prisma.refreshToken.findUnique({
    where: { jti: claims.jti },
    select: {
      sessionId: true,
      revokedAt: true,
      session: {
        select: { revokedAt: true, expiresAt: true, user: { select: { isActive: true } } },
      },
    },
  });
  if (!row || row.sessionId !== claims.sid) throw tokenNotValid();
  if (row.revokedAt) {
    await revokeForReuse(ctx, claims.sid, claims.user_id, meta);
    throw tokenNotValid();
  }
  const { session } = row;
  if (session.revokedAt || session.expiresAt <= now || !session.user.isActive) {
    throw tokenNotValid();
  }

  await ctx.keys.ready();
  const pair = await ctx.prisma.$transaction(async (tx) => {
    const rotated = await tx.refreshToken.updateMany({
      where: { jti: claims.jti, revokedAt: null },
      data: { revokedAt: now },
    });
    if (rotated.count === 0) return null; // a parallel request rotated it first: reuse
    return issuePair(ctx, tx, { id: claims.sid, userId: claims.user_id });
  });
  if (!pair) {
    await revokeForReuse(ctx, claims.sid, claims.user_id, meta);
    throw tokenNotValid();
  }
  return pair;
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
  ctx.securityEvent({ type: 'refresh_reuse', userId, sessionId });
}

export async function revokeSessions(
  ctx: AuthContext,
  tx: Tx,
  where: Prisma.SessionWhereInput,
  reason: string,
): Promise<number> {
  const result = await tx.session.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: ctx.clock.now(), revokedReason: reason },
  });
  return result.count;
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
