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
  totp: { select: { confirmedAt: true } },
} as const;

interface AdminUserRow {
  id: string;
  email: string;
  username: string;
  role: AdminUserSummary['role'];
  isActive: boolean;
  emailVerifiedAt: Date | null;
  dateJoined: Date;
  totp: { confirmedAt: Date | null } | null;
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
    two_factor: user.totp?.confirmedAt != null,
    date_joined: user.dateJoined.toISOString(),
  };
}
