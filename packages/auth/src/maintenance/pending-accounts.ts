import type { PrismaClient } from '@otp-auth/db';
import { emitEvent } from '../webhooks/emit';

/** Deletes accounts nobody verified within `ttlMs` of their (latest) registration: a sign-up
 * given up, or a registration of an address its registrant does not own (ADR 123). Each goes
 * with a `user.deleted` event, as its `user.created` went out. */
export async function purgePendingAccounts(
  prisma: PrismaClient,
  now: Date,
  ttlMs: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - ttlMs);
  return prisma.$transaction(async (tx) => {
    // Cascades to the password; a pending account has no session, factor or identity.
    const gone = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM users WHERE email_verified_at IS NULL AND date_joined < ${cutoff}
      RETURNING id::text AS id`;
    await emitEvent(
      tx,
      now,
      ...gone.map(({ id }) => ({ type: 'user.deleted' as const, data: { user_id: id } })),
    );
    return gone.length;
  });
}
