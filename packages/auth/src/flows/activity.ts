import type { ActivityOutput, ActivityQuery } from '@otp-auth/validators';
import { auditPage } from '../audit-query';
import type { AuthContext } from '../context';
import type { AuthenticatedUser } from '../sessions/authenticate';

/** The caller's own security events, newest first ("Recent activity"): what happened, when,
 * from where, and whether an admin did it (never which admin, nor an event's other facts). */
export async function listActivity(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  query: ActivityQuery,
): Promise<ActivityOutput> {
  const { rows, nextCursor } = await auditPage(ctx, { ...query, user_id: auth.userId });
  return {
    events: rows.map((row) => ({
      type: row.type,
      created_at: row.createdAt.toISOString(),
      ip: row.ip,
      user_agent: row.userAgent,
      by_admin: row.actorId !== null,
    })),
    next_cursor: nextCursor,
  };
}
