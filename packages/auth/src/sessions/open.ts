import type { Prisma } from '@otp-auth/db';
import type { Role, TokenPairOutput } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { insertSession, uuidv7 } from './statements';
import { emitEvent } from '../webhooks/emit';

type Tx = Prisma.TransactionClient;

/** Issues a refresh token in the session and an access token beside it, with the role the
 * account holds now. Callers await `ctx.keys.ready()` before their transaction, so that
 * signing never reads the keys outside it. */
export async function issuePair(
  ctx: AuthContext,
  tx: Tx,
  session: { id: string; userId: string },
): Promise<TokenPairOutput> {
  const { role } = await tx.user.findUniqueOrThrow({
    where: { id: session.userId },
    select: { role: true },
  });
  const refresh = ctx.tokens.issueRefresh(session.userId, session.id);
  const access = await ctx.tokens.issueAccess({
    userId: session.userId,
    sessionId: session.id,
    role,
  });
  await tx.refreshToken.create({
    data: { jti: refresh.jti, sessionId: session.id, expiresAt: refresh.expiresAt },
  });
  await tx.session.update({
    where: { id: session.id },
    data: { expiresAt: refresh.expiresAt, lastUsedAt: ctx.clock.now() },
  });
  return { access: access.token, refresh: refresh.token };
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
  const refresh = ctx.tokens.issueRefresh(userId, sessionId);
  const access = await ctx.tokens.issueAccess({ userId, sessionId, role: account.role });
  await insertSession(db, {
    sessionId,
    userId,
    now,
    refreshJti: refresh.jti,
    expiresAt: refresh.expiresAt,
    meta,
  });
  await emitEvent(db, now, {
    type: 'session.created',
    data: { user_id: userId, session_id: sessionId },
  });
  return { access: access.token, refresh: refresh.token };
}
