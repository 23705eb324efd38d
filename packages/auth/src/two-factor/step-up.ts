import type { Prisma } from '@otp-auth/db';
import type { StepUpProof } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { wrongSecondFactor } from './refusals';
import { spendSecondFactor, type SecondFactorKind } from './second-factor';

/** Step-up (ADR 126): with two-factor on, a sensitive change needs a second factor besides the
 * password, taken from the request itself. It is spent in the change's own transaction, so a
 * refused change keeps its code and a change that went through cannot be replayed with it.
 * Accounts without two-factor pass with nothing (and any factor they send is ignored). Returns
 * the factor spent, or null when the account has none. A passkey of the account counts as
 * such a factor: an answer to options issued for `step_up` (ADR 130). */
export async function requireStepUp(
  ctx: AuthContext,
  tx: Prisma.TransactionClient,
  userId: string,
  proof: StepUpProof,
): Promise<SecondFactorKind | null> {
  const totp = await tx.totpCredential.findUnique({
    where: { userId },
    select: { confirmedAt: true },
  });
  if (!totp?.confirmedAt) return null;
  if (
    proof.code === undefined &&
    proof.recovery_code === undefined &&
    proof.passkey === undefined
  ) {
    throw secondFactorRequired();
  }
  const factor = await spendSecondFactor(ctx, tx, userId, proof, {}, 'step_up');
  if (factor) return factor;
  if (proof.passkey !== undefined) {
    const message = 'This passkey could not be verified. Try again.';
    throw new AuthError('passkey_verification_failed', message, {
      fields: { passkey: [message] },
    });
  }
  throw wrongSecondFactor(proof.code === undefined ? 'recovery_code' : 'code');
}

/** The audit detail of a change made with step-up: which factor, when one was needed. */
export const stepUpDetail = (factor: SecondFactorKind | null) =>
  factor ? { second_factor: factor } : undefined;

/** Names the missing fields in the message too: a REST body's `code` key is the error code. */
function secondFactorRequired(): AuthError {
  return new AuthError(
    'second_factor_required',
    'Two-factor sign-in is on: send `code` (from the authenticator app) or `recovery_code` with this change.',
    { fields: { code: ['Enter a code from your authenticator app, or a recovery code.'] } },
  );
}
