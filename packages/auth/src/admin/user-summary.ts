import type { Prisma } from '@otp-auth/db';
import type { AccountState, AdminUserSummary } from '@otp-auth/validators';

/** The columns an admin's view of an account is made of: never a hash, secret or code. */
export const adminUserSelect = {
  id: true,
  email: true,
  username: true,
  role: true,
  isActive: true,
  emailVerifiedAt: true,
  dateJoined: true,
  lastLoginAt: true,
  totp: { select: { confirmedAt: true } },
} as const;

/** An account as the list reads it: `twoFactor` from a confirmed authenticator app. */
export interface AdminUserRow {
  id: string;
  email: string;
  username: string;
  role: AdminUserSummary['role'];
  isActive: boolean;
  emailVerifiedAt: Date | null;
  dateJoined: Date;
  lastLoginAt: Date | null;
  twoFactor: boolean;
}

function accountStateOf(user: { isActive: boolean; emailVerifiedAt: Date | null }): AccountState {
  if (!user.isActive) return 'disabled';
  return user.emailVerifiedAt ? 'active' : 'pending';
}

export function toAdminUserSummary(user: AdminUserRow): AdminUserSummary {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    role: user.role,
    state: accountStateOf(user),
    two_factor: user.twoFactor,
    date_joined: user.dateJoined.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** What `adminUserSelect` read, as the list shows it. */
export function summarizeUser(
  user: Omit<AdminUserRow, 'twoFactor'> & { totp: { confirmedAt: Date | null } | null },
): AdminUserSummary {
  const { totp, ...rest } = user;
  return toAdminUserSummary({ ...rest, twoFactor: totp?.confirmedAt != null });
}

/** One account as the list shows it, read after a change. */
export async function readAdminUser(
  db: Prisma.TransactionClient,
  userId: string,
): Promise<AdminUserSummary> {
  return summarizeUser(
    await db.user.findUniqueOrThrow({ where: { id: userId }, select: adminUserSelect }),
  );
}
