import type { Prisma } from '@otp-auth/db';

/** Ends every sign-in of the account waiting for its second step: a sign-in that got past the
 * old password must not finish after the password was reset or changed. */
export async function endSecondSteps(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.mfaChallenge.deleteMany({ where: { userId } });
}
