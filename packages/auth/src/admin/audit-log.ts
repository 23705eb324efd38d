import type { AuditEventsOutput, AuditEventsQuery } from '@otp-auth/validators';
import { auditPage, toAuditEventOutput } from '../audit-query';
import type { AuthContext } from '../context';

/** The audit log, filtered, one page newest first (ADR 154). */
export async function listAuditEvents(
  ctx: AuthContext,
  query: AuditEventsQuery,
): Promise<AuditEventsOutput> {
  const { rows, nextCursor } = await auditPage(ctx, query);
  return { events: rows.map(toAuditEventOutput), next_cursor: nextCursor };
}
