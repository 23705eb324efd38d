import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@otp-auth/db';
import type { MfaRequiredOutput } from '@otp-auth/validators';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';

/** The token is an opaque random value, not a JWT: no verifier of access or refresh tokens can
 * accept it. Only its SHA-256 is stored (it is already 256 random bits: no key needed). */
export function mfaTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createMfaChallenge(
  ctx: AuthContext,
  userId: string,
  db: Prisma.TransactionClient = ctx.prisma,
): Promise<MfaRequiredOutput> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await db.mfaChallenge.create({
    data: {
      tokenHash: mfaTokenHash(token),
      userId,
      createdAt: now,
      expiresAt: addSeconds(now, ctx.config.mfaTokenTtlSeconds),
    },
  });
  return { mfa_required: true, mfa_token: token };
}

/** The account a challenge belongs to, so that the second step counts against that
 * account's login limit, as its password step did. */
export async function mfaChallengeUserId(
  ctx: AuthContext,
  token: string,
): Promise<string | undefined> {
  const row = await ctx.prisma.mfaChallenge.findUnique({
    where: { tokenHash: mfaTokenHash(token) },
    select: { userId: true },
  });
  return row?.userId;
}
