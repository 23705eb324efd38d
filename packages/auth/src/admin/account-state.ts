// Disabling and enabling an account (ADR 153). A disabled account cannot sign in (its right
// password is told so), and every session it had ends with it: its tokens are refused at once
// here and within a second on every other instance (the users trigger notifies on is_active,
// the sessions trigger on each revoked session). Enabling it again brings no session back.
import type { AdminUserActionOutput, AdminUserInput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { revokeSessions } from '../sessions/revoke';
import { userNotFound } from './errors';
import { assertAnotherAdminRemains } from './last-admin';
import { readAdminUser } from './user-summary';
import { emitEvent } from '../webhooks/emit';

export async function disableUser(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: AdminUserInput,
  meta: RequestMeta,
): Promise<AdminUserActionOutput> {
  return setActive(ctx, admin, data.user_id, false, meta);
}

export async function enableUser(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: AdminUserInput,
  meta: RequestMeta,
): Promise<AdminUserActionOutput> {
  return setActive(ctx, admin, data.user_id, true, meta);
}

/** One transaction: the flag, the sessions, the event naming the admin. A repeated call
 * changes and records nothing. */
async function setActive(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  userId: string,
  active: boolean,
  meta: RequestMeta,
): Promise<AdminUserActionOutput> {
  const { changed, ended, user } = await ctx.prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({
      where: { id: userId },
      select: { isActive: true },
    });
    if (!current) throw userNotFound();
    if (current.isActive === active) {
      return { changed: false, ended: 0, user: await readAdminUser(tx, userId) };
    }
    if (!active) await assertAnotherAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { isActive: active } });
    const revoked = active ? 0 : await revokeSessions(ctx, tx, { userId }, 'account_disabled');
    await recordAudit(
      tx,
      {
        type: active ? 'account_enabled' : 'account_disabled',
        userId,
        actorId: admin.userId,
        ...(active ? {} : { detail: { sessions_ended: revoked } }),
      },
      meta,
    );
    await emitEvent(tx, ctx.clock.now(), {
      type: active ? 'user.enabled' : 'user.disabled',
      data: { user_id: userId, actor_id: admin.userId },
    });
    return { changed: true, ended: revoked, user: await readAdminUser(tx, userId) };
  });
  // This process reads its own write at once; others hear of it from the users trigger.
  if (changed) ctx.cache.forgetUser(userId);
  return { message: messageOf(user.email, active, changed, ended), user };
}

function messageOf(email: string, active: boolean, changed: boolean, ended: number): string {
  if (!changed) return `${email} is already ${active ? 'enabled' : 'disabled'}.`;
  if (active) return `${email} is enabled: it can sign in again.`;
  const sessions = ended === 1 ? '1 session' : `${ended} sessions`;
  return `${email} is disabled; ${sessions} ended.`;
}
