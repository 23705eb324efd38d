import type { Prisma } from '@otp-auth/db';
import { lastAdmin } from './errors';

/** Refuses to leave the service without an admin who can sign in, when `userId` is about to
 * lose the role, be disabled or be deleted. The active admins' rows are locked first, so two
 * admins removing each other at once cannot both succeed: the second waits, then sees one
 * admin left. */
export async function assertAnotherAdminRemains(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users
    WHERE role = 'admin' AND is_active AND email_verified_at IS NOT NULL
    FOR UPDATE`;
  const acting = admins.some((admin) => admin.id === userId);
  if (acting && admins.length === 1) throw lastAdmin();
}
