import { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { accountDeletedMail } from '../mail/templates';
import { revokeSessions } from '../sessions/revoke';
import { emitEvent } from '../webhooks/emit';

/** Everything held about an account, gone in the caller's transaction: user, password,
 * sessions and refresh tokens, codes, and mail not yet sent; its audit rows reduced to event
 * type and time. The goodbye mail is queued first; outbox rows hold no reference to the user,
 * so it survives the delete and goes out after the commit. The one way an account is deleted,
 * by its owner or by an admin. Answers false when the account was already gone. */
export async function eraseAccount(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  { userId, email }: { userId: string; email: string },
): Promise<boolean> {
  const now = ctx.clock.now();
  // Codes and notices still waiting would go to an account that no longer exists.
  await tx.outboxMail.deleteMany({ where: { to: email, status: 'pending' } });
  await enqueueMail(ctx, tx, email, accountDeletedMail(ctx.config), now);
  // Through revokeSessions, so that whatever watches session ends sees these too.
  await revokeSessions(ctx, tx, { userId }, 'account_deleted');
  await tx.emailCode.deleteMany({ where: { OR: [{ userId }, { email }] } });
  await tx.auditEvent.updateMany({
    where: { OR: [{ userId }, { email }] },
    data: { userId: null, email: null, ip: null, userAgent: null, detail: Prisma.DbNull },
  });
  // Cascades to the password, the sessions and their refresh tokens.
  const deleted = await tx.user.deleteMany({ where: { id: userId } });
  if (deleted.count === 0) return false;
  await emitEvent(tx, now, { type: 'user.deleted', data: { user_id: userId } });
  return true;
}
