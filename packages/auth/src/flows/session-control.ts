import type { MessageOutput, RevokeSessionInput, SessionsOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { AuthError } from '../errors';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { revokeSessions } from '../sessions/revoke';

/** The user's live sessions, newest use first, the caller's own marked `current`. */
export async function listSessions(
  ctx: AuthContext,
  auth: AuthenticatedUser,
): Promise<SessionsOutput> {
  const rows = await ctx.prisma.session.findMany({
    where: { userId: auth.userId, revokedAt: null, expiresAt: { gt: ctx.clock.now() } },
    orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
    take: 100,
    select: { id: true, createdAt: true, lastUsedAt: true, userAgent: true, ip: true },
  });
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      created_at: row.createdAt.toISOString(),
      last_used_at: row.lastUsedAt.toISOString(),
      user_agent: row.userAgent,
      ip: row.ip,
      current: row.id === auth.sessionId,
    })),
  };
}

/** Ends one of the user's own sessions; its tokens die at once. Another user's session id, or
 * one already ended, is simply not found: ids of others are never confirmed. */
export async function revokeSession(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: RevokeSessionInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const sessionId = data.id;
  const revoked = await ctx.prisma.$transaction(async (tx) => {
    const count = await revokeSessions(
      ctx,
      tx,
      { id: sessionId, userId: auth.userId, expiresAt: { gt: ctx.clock.now() } },
      'revoked_by_user',
    );
    if (count > 0) {
      await recordAudit(
        tx,
        { type: 'session_revoke', userId: auth.userId, detail: { sessionId } },
        meta,
      );
    }
    return count > 0;
  });
  if (!revoked) throw new AuthError('not_found', 'No such session.');
  return { message: 'Session ended.' };
}
