// An admin deletes an account: the owner's deletion, without the password (ADR 153).
import type { AdminUserInput, MessageOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { eraseAccount } from '../account/erase';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { userNotFound } from './errors';
import { assertAnotherAdminRemains } from './last-admin';

export async function deleteUser(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: AdminUserInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const userId = data.user_id;
  const email = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw userNotFound();
    await assertAnotherAdminRemains(tx, userId);
    if (!(await eraseAccount(ctx, tx, { userId, email: user.email }))) throw userNotFound();
    // The account's own events keep only type and time; this one keeps which account it was
    // (an id that names nobody once the account is gone) and the admin who deleted it.
    await recordAudit(tx, { type: 'account_delete', userId, actorId: admin.userId }, meta);
    return user.email;
  });
  // This process forgets at once; others hear of it from the users trigger.
  ctx.cache.forgetUser(userId);
  ctx.mailQueued();
  return { message: `${email} was deleted. A confirmation was sent to that address.` };
}
