import type { Prisma } from '@otp-auth/db';

/** How many ways the account has to sign in: its password, each linked provider identity and
 * each passkey.
 * The one place this is counted, so that removing any method can refuse to remove the last. */
export async function signInMethodCount(
  db: Prisma.TransactionClient,
  userId: string,
): Promise<number> {
  const [passwords, identities, passkeys] = await Promise.all([
    db.password.count({ where: { userId } }),
    db.externalIdentity.count({ where: { userId } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return passwords + identities + passkeys;
}
