import type { ExportDataOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { tokenNotValid } from '../errors';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { profileSelect, toProfile } from '../account/profile-view';

/** The most recent audit events included; an export is for a person to read. */
const MAX_AUDIT_EVENTS = 1000;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Everything held about the caller: profile, every session (live or ended), the providers
 * linked to the account and its security events. Never a hash, code or token. */
export async function exportData(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  meta: RequestMeta,
): Promise<ExportDataOutput> {
  const { userId } = auth;
  const [user, sessions, identities, events] = await ctx.prisma.$transaction([
    ctx.prisma.user.findUnique({
      where: { id: userId },
      select: { ...profileSelect, emailVerifiedAt: true },
    }),
    ctx.prisma.session.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true, lastUsedAt: true, revokedAt: true, ip: true, userAgent: true },
    }),
    ctx.prisma.externalIdentity.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { provider: true, email: true, createdAt: true, lastUsedAt: true },
    }),
    ctx.prisma.auditEvent.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      take: MAX_AUDIT_EVENTS,
      select: { type: true, createdAt: true, ip: true, userAgent: true },
    }),
  ]);
  // Deleted in the meantime by a parallel request.
  if (!user) throw tokenNotValid();
  await recordAudit(ctx.prisma, { type: 'data_export', userId }, meta);
  return {
    exported_at: ctx.clock.now().toISOString(),
    profile: { ...toProfile(user), email_verified_at: iso(user.emailVerifiedAt) },
    sessions: sessions.map((s) => ({
      created_at: s.createdAt.toISOString(),
      last_used_at: s.lastUsedAt.toISOString(),
      ended_at: iso(s.revokedAt),
      ip: s.ip,
      user_agent: s.userAgent,
    })),
    linked_providers: identities.map((identity) => ({
      provider: identity.provider,
      email: identity.email,
      linked_at: identity.createdAt.toISOString(),
      last_used_at: iso(identity.lastUsedAt),
    })),
    audit_events: events.map((e) => ({
      type: e.type,
      created_at: e.createdAt.toISOString(),
      ip: e.ip,
      user_agent: e.userAgent,
    })),
  };
}
