import type { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
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
