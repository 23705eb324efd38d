import type { Prisma } from '@otp-auth/db';

/** How many ways the account has to sign in: its password and each linked provider identity.
 * The one place this is counted, so that removing any method can refuse to remove the last. */
export async function signInMethodCount(
  db: Prisma.TransactionClient,
  userId: string,
): Promise<number> {
  const [passwords, identities] = await Promise.all([
    db.password.count({ where: { userId } }),
    db.externalIdentity.count({ where: { userId } }),
  ]);
  return passwords + identities;
}
