import type { Prisma, PrismaClient } from '@otp-auth/db';
import type { AuditEventType } from '@otp-auth/validators';
import type { RequestMeta } from './request-meta';

/** One security event. Its type is one of the validators' `auditEventTypes`, the list the
 * admin's audit filter offers. */
export interface AuditEntry {
  type: AuditEventType;
  userId?: string | null;
  /** The admin who acted on `userId`'s account, when it was not its owner. */
  actorId?: string | null;
  email?: string | null;
  detail?: Prisma.InputJsonValue;
}

/** Records a security event. Callers pass facts only: never a code, password or token. */
export async function recordAudit(
  db: PrismaClient | Prisma.TransactionClient,
  entry: AuditEntry,
  meta: RequestMeta,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      type: entry.type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      email: entry.email ?? null,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    },
  });
}
