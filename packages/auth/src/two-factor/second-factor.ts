import type { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
import { verifyPassword } from '../password';
import { fieldError } from '../errors';
import { consumeTotpCode } from './credential';
import { consumeRecoveryCode } from './recovery-codes';

export interface SecondFactorInput {
  code?: string | undefined;
  recovery_code?: string | undefined;
}

export type SecondFactorKind = 'totp' | 'recovery_code';

/** Spends the code from the app, or a recovery code, of a user with two-factor on. Returns
 * which one worked, or null (nothing spent). */
export async function spendSecondFactor(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  userId: string,
  input: SecondFactorInput,
): Promise<SecondFactorKind | null> {
  if (input.code !== undefined) {
    return (await consumeTotpCode(ctx, tx, userId, input.code, 'confirmed')) ? 'totp' : null;
  }
  if (input.recovery_code !== undefined) {
    return (await consumeRecoveryCode(ctx, tx, userId, input.recovery_code))
      ? 'recovery_code'
      : null;
  }
  return null;
}

/** A signed-in user confirms a sensitive change with the current password. */
export async function assertPassword(
  ctx: AuthContext,
  userId: string,
  password: string,
): Promise<void> {
  const stored = await ctx.prisma.password.findUnique({
    where: { userId },
    select: { hash: true },
  });
  if (!stored || !(await verifyPassword(password, stored.hash))) {
    throw fieldError('password', 'Wrong password.');
  }
}
