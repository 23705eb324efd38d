// An admin ends one session of an account, or all of them: their access and refresh tokens die
// at once here, within a second on every other instance (ADR 100).
import type { EndUserSessionsInput, EndUserSessionsOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { revokeSessions } from '../sessions/revoke';
import { sessionNotFound, userNotFound } from './errors';

export async function endUserSessions(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: EndUserSessionsInput,
  meta: RequestMeta,
): Promise<EndUserSessionsOutput> {
  const { user_id: userId, session_id: sessionId } = data;
  return ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw userNotFound();
    const ended = await revokeSessions(
      ctx,
      tx,
      {
        userId,
        expiresAt: { gt: ctx.clock.now() },
        ...(sessionId ? { id: sessionId } : {}),
      },
      'revoked_by_admin',
    );
    // Only a live session of this account is found: one of another account is not confirmed.
    if (sessionId && ended === 0) throw sessionNotFound();
    if (ended > 0) {
      await recordAudit(
        tx,
        sessionId
          ? { type: 'session_revoke', userId, actorId: admin.userId, detail: { sessionId } }
          : { type: 'session_revoke_all', userId, actorId: admin.userId, detail: { ended } },
        meta,
      );
    }
    const message = sessionId
      ? `Ended a session of ${user.email}.`
      : ended === 0
        ? `${user.email} has no live session.`
        : `Ended ${ended === 1 ? '1 session' : `${ended} sessions`} of ${user.email}.`;
    return { message, ended };
  });
}
