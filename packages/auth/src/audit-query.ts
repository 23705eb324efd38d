// Reading the audit log (ADR 154): filtered by account, acting admin, type, client address and
// time, newest first, a page at a time by keyset cursor. Admins read it whole (an export reads
// it page after page); an owner reads their own account's events.
import type { Prisma } from '@otp-auth/db';
import type { AuditEventOutput, AuditEventsQuery, AuditFilterInput } from '@otp-auth/validators';
import type { AuthContext } from './context';
import { decodeCursor, encodeCursor } from './keyset-cursor';

const auditEventSelect = {
  id: true,
  type: true,
  createdAt: true,
  userId: true,
  actorId: true,
  email: true,
  ip: true,
  userAgent: true,
  detail: true,
} as const;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

const CURSOR_ORDER = 'audit:newest';

function whereOf(filter: AuditFilterInput): Prisma.AuditEventWhereInput {
  return {
    ...(filter.user_id ? { userId: filter.user_id } : {}),
    ...(filter.actor_id ? { actorId: filter.actor_id } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.ip ? { ip: filter.ip } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(filter.from) } : {}),
            ...(filter.to ? { lt: new Date(filter.to) } : {}),
          },
        }
      : {}),
  };
}

/** Rows after the cursor, newest first: older, or as old with a smaller id. */
function afterCursor(cursor: string | undefined): Prisma.AuditEventWhereInput {
  if (!cursor) return {};
  const { value, id } = decodeCursor(CURSOR_ORDER, cursor);
  const at = new Date(value ?? 0);
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
}

export function toAuditEventOutput(row: AuditRow): AuditEventOutput {
  const detail = row.detail;
  return {
    id: row.id,
    type: row.type,
    created_at: row.createdAt.toISOString(),
    user_id: row.userId,
    actor_id: row.actorId,
    email: row.email,
    ip: row.ip,
    user_agent: row.userAgent,
    detail: detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? detail : null,
  };
}

/** One page of events matching `query`, newest first. */
export async function auditPage(
  ctx: AuthContext,
  query: AuditEventsQuery,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const rows = await ctx.prisma.auditEvent.findMany({
    where: { AND: [whereOf(query), afterCursor(query.cursor)] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: auditEventSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(CURSOR_ORDER, { value: last.createdAt.toISOString(), id: last.id })
      : null;
  return { rows: page, nextCursor };
}
