import type { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
import { emitEvent } from '../webhooks/emit';

/** Revokes the live sessions matching `where`: the one way to end sessions. This process's
 * cache drops them at once; other processes hear of it from the database's session events
 * (ADR 100). */
export async function revokeSessions(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  where: Prisma.SessionWhereInput,
  reason: string,
): Promise<number> {
  const revoked = await tx.session.updateManyAndReturn({
    where: { ...where, revokedAt: null },
    data: { revokedAt: ctx.clock.now(), revokedReason: reason },
    select: { id: true, userId: true },
  });
  ctx.cache.sessionsRevoked(revoked.map((session) => session.id));
  await emitEvent(
    tx,
    ctx.clock.now(),
    ...revoked.map((session) => ({
      type: 'session.revoked' as const,
      data: { user_id: session.userId, session_id: session.id, reason },
    })),
  );
  return revoked.length;
}
