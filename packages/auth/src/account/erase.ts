import { Prisma } from '@otp-auth/db';
import type { AuditEventType } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { accountDeletedMail } from '../mail/templates';
import { revokeSessions } from '../sessions/revoke';
import { emitEvent } from '../webhooks/emit';

/** Everything held about an account, gone in the caller's transaction: user, password,
 * sessions and refresh tokens, codes, and every outbox row to its address or to the address it
 * was moving to, whatever their status; its audit rows reduced to event type and time, except
 * that failed sign-ins from addresses the owner never signed in from keep their IP (ADR 125).
 * The goodbye mail is queued after the outbox is cleared; outbox rows hold no reference to the
 * user, so it survives the delete and goes out after the commit. The one way an account is
 * deleted, by its owner or by an admin. Answers false when the account was already gone. */
export async function eraseAccount(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  { userId, email }: { userId: string; email: string },
): Promise<boolean> {
  const now = ctx.clock.now();
  // Mail waiting, sent or failed: nothing addressed to the person stays, the address of a
  // pending email change included.
  const moving = await tx.emailCode.findFirst({
    where: { userId, purpose: 'email_change' },
    select: { newEmail: true },
  });
  const addresses = moving?.newEmail ? [email, moving.newEmail] : [email];
  await tx.outboxMail.deleteMany({ where: { to: { in: addresses } } });
  await enqueueMail(ctx, tx, email, accountDeletedMail(ctx.config), now);
  // Through revokeSessions, so that whatever watches session ends sees these too.
  await revokeSessions(ctx, tx, { userId }, 'account_deleted');
  await tx.emailCode.deleteMany({ where: { OR: [{ userId }, { email }] } });
  await anonymiseAudit(tx, userId, email);
  // Cascades to the password, the sessions and their refresh tokens.
  const deleted = await tx.user.deleteMany({ where: { id: userId } });
  if (deleted.count === 0) return false;
  await emitEvent(tx, now, { type: 'user.deleted', data: { user_id: userId } });
  return true;
}

/** Failed sign-ins: the attempts others may have made against the account. */
const FAILURES: AuditEventType[] = ['login_failure', 'external_sign_in_failure'];

/** The account's audit rows lose everything that points at the person. A failed sign-in from an
 * IP the account never signed in or acted from is presumed someone else's attempt: it keeps
 * that IP (the attacker's trace, not the owner's data) and loses the rest. */
async function anonymiseAudit(
  tx: Prisma.TransactionClient,
  userId: string,
  email: string,
): Promise<void> {
  const mine = { OR: [{ userId }, { email }] };
  // One after the other: a transaction's statements share one connection.
  const acted = await tx.auditEvent.findMany({
    where: { ...mine, type: { notIn: FAILURES }, ip: { not: null } },
    select: { ip: true },
    distinct: ['ip'],
  });
  const signedIn = await tx.session.findMany({
    where: { userId, ip: { not: null } },
    select: { ip: true },
    distinct: ['ip'],
  });
  const ownerIps = [...acted, ...signedIn].flatMap(({ ip }) => (ip ? [ip] : []));
  await tx.auditEvent.updateMany({
    where: { ...mine, type: { in: FAILURES }, ip: { notIn: ownerIps } },
    data: { userId: null, email: null, userAgent: null, detail: Prisma.DbNull },
  });
  await tx.auditEvent.updateMany({
    where: mine,
    data: { userId: null, email: null, ip: null, userAgent: null, detail: Prisma.DbNull },
  });
}
