import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@otp-auth/db';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';

export type ChallengePurpose = 'registration' | 'sign_in' | 'second_factor' | 'step_up';

/** 256 random bits need no key: the SHA-256 alone is stored. */
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A fresh challenge for one ceremony, stored before it is handed out. The options carry it as
 * base64url, which is what the browser's client data names. */
export async function issueChallenge(
  ctx: AuthContext,
  purpose: ChallengePurpose,
  userId: string | null,
  db: Prisma.TransactionClient = ctx.prisma,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(randomBytes(32));
  const challenge = Buffer.from(bytes).toString('base64url');
  const now = ctx.clock.now();
  await db.passkeyChallenge.create({
    data: {
      challengeHash: sha256(challenge),
      purpose,
      userId,
      createdAt: now,
      expiresAt: addSeconds(now, ctx.config.passkeyChallengeTtlSeconds),
    },
  });
  return bytes;
}

/** The challenge the browser signed over, as its client data names it; null if unreadable. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as unknown;
    const challenge =
      typeof data === 'object' && data !== null && 'challenge' in data ? data.challenge : null;
    return typeof challenge === 'string' && challenge.length <= 512 ? challenge : null;
  } catch {
    return null;
  }
}

/** Spends the challenge in one conditional statement: issued for this purpose (and account),
 * unexpired, unused. Of two answers to one challenge (a replay, two instances), one gets it. */
export async function spendChallenge(
  ctx: AuthContext,
  db: Prisma.TransactionClient,
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
): Promise<boolean> {
  const now = ctx.clock.now();
  const spent = await db.passkeyChallenge.updateMany({
    where: {
      challengeHash: sha256(challenge),
      purpose,
      userId,
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
  });
  return spent.count === 1;
}
