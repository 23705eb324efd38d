import type { Prisma } from '@otp-auth/db';
import type { Role, TokenPairOutput } from '@otp-auth/validators';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { insertSession, uuidv7 } from './statements';
import { emitEvent } from '../webhooks/emit';

type Tx = Prisma.TransactionClient;

/** A fresh token pair for a session that goes on. Callers await `ctx.keys.ready()` before their
 * transaction, so that signing never reads the keys outside it. */
export async function renewSession(
  ctx: AuthContext,
  tx: Tx,
  session: { id: string; userId: string },
): Promise<TokenPairOutput> {
  const { role } = await tx.user.findUniqueOrThrow({
    where: { id: session.userId },
    select: { role: true },
  });
  const { refresh, withRole } = await ctx.tokens.issuePair(session.userId, session.id);
  const { createdAt } = await tx.session.findUniqueOrThrow({
    where: { id: session.id },
    select: { createdAt: true },
  });
  const expiresAt = sessionEnd(ctx, createdAt, refresh.expiresAt);
  await tx.refreshToken.create({
    data: { jti: refresh.jti, sessionId: session.id, expiresAt },
  });
  await tx.session.update({
    where: { id: session.id },
    data: { expiresAt, lastUsedAt: ctx.clock.now() },
  });
  return withRole(role);
}

/** A new session and its first token pair, in the caller's transaction (with its
 * `session.created` event). `account.role` is what the caller read of the account while
 * signing it in. */
export async function openSession(
  ctx: AuthContext,
  db: Tx,
  account: { id: string; role: Role },
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const now = ctx.clock.now();
  const userId = account.id;
  const sessionId = uuidv7(now.getTime());
  const { refresh, withRole } = await ctx.tokens.issuePair(userId, sessionId);
  await insertSession(db, {
    sessionId,
    userId,
    now,
    refreshJti: refresh.jti,
    expiresAt: sessionEnd(ctx, now, refresh.expiresAt),
    meta,
  });
  await emitEvent(db, now, {
    type: 'session.created',
    data: { user_id: userId, session_id: sessionId },
  });
  return withRole(account.role);
}

/** When a session (and its newest refresh token) stops: its refresh token's expiry, but never
 * later than its absolute lifetime from its creation. */
function sessionEnd(ctx: AuthContext, createdAt: Date, refreshExpiresAt: Date): Date {
  const absolute = addSeconds(createdAt, ctx.config.sessionMaxLifetimeSeconds);
  return absolute < refreshExpiresAt ? absolute : refreshExpiresAt;
}
