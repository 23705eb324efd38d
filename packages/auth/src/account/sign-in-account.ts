// What a sign-in needs to know of an account, read in ONE statement: a single round trip
// instead of one query per relation (ADR 103).
import type { Prisma } from '@otp-auth/db';
import type { Role } from '@otp-auth/validators';
import type { AuthContext } from '../context';

export interface SignInAccount {
  id: string;
  isActive: boolean;
  verified: boolean;
  /** Carried in the access tokens of the session the sign-in opens. */
  role: Role;
  /** Null for an account without a password (none is created without one today). */
  passwordHash: string | null;
  /** Two-factor confirmed: the password earns only a challenge. */
  twoFactor: boolean;
}

export async function findSignInAccount(
  prisma: Prisma.TransactionClient,
  email: string,
): Promise<SignInAccount | null> {
  const rows = await prisma.$queryRaw<SignInAccount[]>`
    SELECT u.id, u.is_active AS "isActive", u.email_verified_at IS NOT NULL AS "verified",
           u.role::text AS "role",
           p.hash AS "passwordHash", t.confirmed_at IS NOT NULL AS "twoFactor"
    FROM users u
    LEFT JOIN passwords p ON p.user_id = u.id
    LEFT JOIN totp_credentials t ON t.user_id = u.id
    WHERE u.email = ${email}`;
  return rows[0] ?? null;
}

/** The id of the account an address belongs to, for counting sign-in attempts per account. */
export async function signInAccountId(
  ctx: Pick<AuthContext, 'prisma'>,
  email: string,
): Promise<string | undefined> {
  const user = await ctx.prisma.user.findUnique({ where: { email }, select: { id: true } });
  return user?.id;
}
