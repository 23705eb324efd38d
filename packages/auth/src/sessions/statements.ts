// The two writes every sign-in and every refresh make, each as ONE statement: a single round
// trip, atomic without an interactive transaction (which would hold a pooled connection for
// five round trips). ADR 101.
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@otp-auth/db';
import type { Role } from '@otp-auth/validators';
import type { RequestMeta } from '../request-meta';

/** A UUIDv7 (time-ordered, as the schema's `uuid(7)` default), for a session id the tokens
 * must carry before the row exists. */
export function uuidv7(nowMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Inserts a session and its first refresh token, and stamps the account's last sign-in: every
 * sign-in, whatever its method, opens its session here. `last_login_at` is in no index and no
 * trigger's list, so the stamp is a heap-only update that notifies nobody. */
export async function insertSession(
  prisma: Prisma.TransactionClient,
  row: {
    sessionId: string;
    userId: string;
    now: Date;
    refreshJti: string;
    expiresAt: Date;
    meta: RequestMeta;
  },
): Promise<void> {
  const userAgent = row.meta.userAgent?.slice(0, 512) ?? null;
  const ip = row.meta.ip ?? null;
  await prisma.$executeRaw`
    WITH session AS (
      INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, user_agent, ip)
      VALUES (${row.sessionId}::uuid, ${row.userId}::uuid, ${row.now}, ${row.now},
              ${row.expiresAt}, ${userAgent}, ${ip})
      RETURNING id
    ), signed_in AS (
      UPDATE users SET last_login_at = ${row.now} WHERE id = ${row.userId}::uuid
    )
    INSERT INTO refresh_tokens (jti, session_id, created_at, expires_at)
    SELECT ${row.refreshJti}::uuid, id, ${row.now}, ${row.expiresAt} FROM session`;
}

/**
 * Rotates a refresh token: retires `oldJti` and records `newJti`, only if the old one is still
 * unrevoked, belongs to `sessionId` of `userId`, and the session is live and its user active.
 * Answers the user's role (for the new access token), or null when any of that fails (or a
 * parallel request rotated it first): the caller finds out which, off the hot path.
 */
export async function rotateRefreshToken(
  prisma: Prisma.TransactionClient,
  row: {
    sessionId: string;
    userId: string;
    oldJti: string;
    newJti: string;
    now: Date;
    expiresAt: Date;
    /** No session lives longer than this from its creation, however often it is refreshed. */
    maxLifetimeSeconds: number;
  },
): Promise<Role | null> {
  // Every part sees one snapshot; the UPDATE of the old token takes its row lock, so of two
  // parallel rotations of one token only the first matches `revoked_at IS NULL`. The session's
  // absolute end caps the new token and the session, and past it nothing rotates.
  const rotated = await prisma.$queryRaw<{ role: Role }[]>`
    WITH live AS (
      SELECT s.id, u.role,
        LEAST(${row.expiresAt}, s.created_at + ${row.maxLifetimeSeconds}::int * interval '1 second')
          AS ends_at
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ${row.sessionId}::uuid AND s.user_id = ${row.userId}::uuid
        AND s.revoked_at IS NULL AND s.expires_at > ${row.now} AND u.is_active
        AND s.created_at + ${row.maxLifetimeSeconds}::int * interval '1 second' > ${row.now}
    ), retired AS (
      UPDATE refresh_tokens SET revoked_at = ${row.now}
      WHERE jti = ${row.oldJti}::uuid AND revoked_at IS NULL
        AND session_id IN (SELECT id FROM live)
      RETURNING session_id
    ), issued AS (
      INSERT INTO refresh_tokens (jti, session_id, created_at, expires_at)
      SELECT ${row.newJti}::uuid, session_id, ${row.now}, (SELECT ends_at FROM live) FROM retired
      RETURNING session_id
    )
    UPDATE sessions SET expires_at = live.ends_at, last_used_at = ${row.now}
    FROM live WHERE sessions.id = live.id AND sessions.id IN (SELECT session_id FROM issued)
    RETURNING live.role::text AS role`;
  return rotated[0]?.role ?? null;
}
