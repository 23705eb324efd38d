import type { Prisma, PrismaClient } from '@otp-auth/db';
import type { RequestMeta } from './request-meta';

export type AuditEventType =
  | 'register'
  | 'register_existing'
  | 'verify'
  | 'login_success'
  | 'login_failure'
  | 'refresh_reuse'
  | 'logout'
  | 'logout_all'
  | 'password_change'
  | 'session_revoke'
  | 'login_mfa_challenge'
  | 'two_factor_setup'
  | 'two_factor_enabled'
  | 'two_factor_disabled'
  | 'recovery_codes_regenerated'
  | 'password_reset'
  | 'profile_update'
  | 'email_change_request'
  | 'email_change'
  | 'account_delete'
  | 'data_export'
  | 'signing_key_created'
  | 'role_granted'
  | 'role_revoked'
  | 'identity_linked'
  | 'identity_unlinked'
  | 'external_sign_in_failure'
  | 'webhook_created'
  | 'webhook_updated'
  | 'webhook_secret_rotated'
  | 'webhook_deleted'
  | 'webhook_redelivered';

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
