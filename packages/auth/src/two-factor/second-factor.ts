import type { Prisma } from '@otp-auth/db';
import type { AuthenticationResponseInput } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { verifyAssertion } from '../passkeys/assertion';
import type { RequestMeta } from '../request-meta';
import { consumeTotpCode } from './credential';
import { consumeRecoveryCode } from './recovery-codes';

export interface SecondFactorInput {
  code?: string | undefined;
  recovery_code?: string | undefined;
  /** An answer to passkey options issued to this user (for the second step, or step-up). */
  passkey?: AuthenticationResponseInput | undefined;
}

export type SecondFactorKind = 'totp' | 'recovery_code' | 'passkey';

/** Spends the code from the app, a recovery code, or a passkey challenge, of a user with
 * two-factor on. Returns which one worked, or null (a passkey's challenge stays spent; why it
 * failed is in the log). */
export async function spendSecondFactor(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  userId: string,
  input: SecondFactorInput,
  meta: RequestMeta = {},
  passkeyPurpose: 'second_factor' | 'step_up' = 'second_factor',
): Promise<SecondFactorKind | null> {
  if (input.code !== undefined) {
    return (await consumeTotpCode(ctx, tx, userId, input.code, 'confirmed')) ? 'totp' : null;
  }
  if (input.recovery_code !== undefined) {
    return (await consumeRecoveryCode(ctx, tx, userId, input.recovery_code))
      ? 'recovery_code'
      : null;
  }
  if (input.passkey !== undefined) {
    const verified = await verifyAssertion(
      ctx,
      tx,
      input.passkey,
      { purpose: passkeyPurpose, userId },
      meta,
    );
    return verified instanceof AuthError ? null : 'passkey';
  }
  return null;
}
