// Roles (ADR 150): who may use the admin API. Granted by an admin, or by the operator's CLI on
// the server's database (`pnpm admin:grant`); taken away the same ways, never from the last
// active admin.
import type { Prisma } from '@otp-auth/db';
import type { AdminsOutput, Role, SetRoleInput, SetRoleOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { userNotFound } from './errors';
import { assertAnotherAdminRemains } from './last-admin';
import { adminUserSelect, readAdminUser, summarizeUser } from './user-summary';

/** Every account holding the admin role, oldest first. */
export async function listAdmins(ctx: AuthContext): Promise<AdminsOutput> {
  const admins = await ctx.prisma.user.findMany({
    where: { role: 'admin' },
    orderBy: [{ dateJoined: 'asc' }, { id: 'asc' }],
    select: adminUserSelect,
  });
  return { admins: admins.map(summarizeUser) };
}

/** An admin gives or takes the admin role; the event names the admin. */
export async function setRole(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: SetRoleInput,
  meta: RequestMeta,
): Promise<SetRoleOutput> {
  return changeRole(ctx, { id: data.user_id }, data.role, { actorId: admin.userId }, meta);
}

/** The operator's CLI, on the server's database: no admin is signed in, so none is named. */
export async function setRoleByEmail(
  ctx: AuthContext,
  email: string,
  role: Role,
): Promise<SetRoleOutput> {
  return changeRole(ctx, { email }, role, { actorId: null, via: 'cli' }, {});
}

async function changeRole(
  ctx: AuthContext,
  target: Prisma.UserWhereUniqueInput,
  role: Role,
  by: { actorId: string | null; via?: 'cli' },
  meta: RequestMeta,
): Promise<SetRoleOutput> {
  const { user, changed } = await ctx.prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: target, select: { id: true, role: true } });
    if (!current) throw userNotFound();
    if (current.role === role) return { user: current, changed: false };
    if (role === 'user') await assertAnotherAdminRemains(tx, current.id);
    const updated = await tx.user.update({ where: { id: current.id }, data: { role } });
    await recordAudit(
      tx,
      {
        type: role === 'admin' ? 'role_granted' : 'role_revoked',
        userId: updated.id,
        actorId: by.actorId,
        ...(by.via ? { detail: { via: by.via } } : {}),
      },
      meta,
    );
    return { user: updated, changed: true };
  });
  // This process reads its own write at once; others hear of it from the users trigger.
  if (changed) ctx.cache.forgetUser(user.id);
  const summary = await readAdminUser(ctx.prisma, user.id);
  const message =
    role === 'admin'
      ? `${summary.email} is ${changed ? 'now' : 'already'} an admin.`
      : `${summary.email} is ${changed ? 'no longer' : 'not'} an admin.`;
  return { message, user: summary };
}
