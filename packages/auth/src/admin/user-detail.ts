import type { AdminUserDetailOutput, AdminUserInput } from '@otp-auth/validators';
import { auditPage, toAuditEventOutput } from '../audit-query';
import type { AuthContext } from '../context';
import { listIdentities } from '../oidc/identities';
import { userNotFound } from './errors';
import { adminUserSelect, summarizeUser } from './user-summary';

/** The latest events shown with an account; the audit log has the rest. */
const RECENT_EVENTS = 20;

/** One account as an admin sees it: profile, role and state, how it signs in, where it is
 * signed in, and what happened to it lately. Never a hash, secret or code. */
export async function getUserDetail(
  ctx: AuthContext,
  data: AdminUserInput,
): Promise<AdminUserDetailOutput> {
  const userId = data.user_id;
  const now = ctx.clock.now();
  const [user, signInMethods, recoveryCodesLeft, sessions, events] = await Promise.all([
    ctx.prisma.user.findUnique({
      where: { id: userId },
      select: { ...adminUserSelect, phoneNumber: true },
    }),
    listIdentities(ctx, userId),
    ctx.prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
    ctx.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
      take: 100,
      select: { id: true, createdAt: true, lastUsedAt: true, userAgent: true, ip: true },
    }),
    auditPage(ctx, { user_id: userId, limit: RECENT_EVENTS }),
  ]);
  if (!user) throw userNotFound();
  const { phoneNumber, ...summary } = user;
  const twoFactorAt = user.totp?.confirmedAt ?? null;
  return {
    user: {
      ...summarizeUser(summary),
      phone_number: phoneNumber,
      email_verified_at: user.emailVerifiedAt?.toISOString() ?? null,
    },
    // How the account signs in; passkeys join here once the server has them.
    sign_in: {
      has_password: signInMethods.has_password,
      two_factor: {
        enabled: twoFactorAt !== null,
        confirmed_at: twoFactorAt?.toISOString() ?? null,
        recovery_codes_left: twoFactorAt ? recoveryCodesLeft : 0,
      },
      providers: signInMethods.identities,
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      created_at: session.createdAt.toISOString(),
      last_used_at: session.lastUsedAt.toISOString(),
      user_agent: session.userAgent,
      ip: session.ip,
    })),
    recent_events: events.rows.map(toAuditEventOutput),
  };
}
