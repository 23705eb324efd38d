import { Prisma } from '@otp-auth/db';
import type { DeleteAccountInput, MessageOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { tokenNotValid } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { accountDeletedMail } from '../mail/templates';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { assertCurrentPassword } from '../account/current-password';
import { revokeSessions } from '../sessions/revoke';
import { emitEvent } from '../webhooks/emit';

/** Deletes the account in one transaction: user, password, sessions and refresh tokens,
 * codes, and mail not yet sent. Audit rows stay, reduced to event type and time. The goodbye
 * mail is queued first; outbox rows hold no reference to the user, so it survives the delete
 * and goes out after the commit. */
export async function deleteAccount(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: DeleteAccountInput,
): Promise<MessageOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  const { userId } = auth;
  const { email } = auth.profile;
  await ctx.prisma.$transaction(async (tx) => {
    const now = ctx.clock.now();
    // Codes and notices still waiting would go to an account that no longer exists.
    await tx.outboxMail.deleteMany({ where: { to: email, status: 'pending' } });
    await enqueueMail(tx, email, accountDeletedMail(ctx.config), now);
    // Through revokeSessions, so that whatever watches session ends sees these too.
    await revokeSessions(ctx, tx, { userId }, 'account_deleted');
    await tx.emailCode.deleteMany({ where: { OR: [{ userId }, { email }] } });
    await tx.auditEvent.updateMany({
      where: { OR: [{ userId }, { email }] },
      data: { userId: null, email: null, ip: null, userAgent: null, detail: Prisma.DbNull },
    });
    // Cascades to the password, the sessions and their refresh tokens.
    const deleted = await tx.user.deleteMany({ where: { id: userId } });
    // A parallel request deleted it first: this one changes nothing.
    if (deleted.count === 0) throw tokenNotValid();
    await recordAudit(tx, { type: 'account_delete' }, {});
    await emitEvent(tx, now, { type: 'user.deleted', data: { user_id: userId } });
  });
  ctx.mailQueued();
  return { message: 'Your account was deleted. A confirmation was sent to your address.' };
}
