import type {
  AuthenticationOptionsOutput,
  PasskeySecondStepOptionsInput,
  PasskeySignInInput,
  TokenPairOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { accountDisabled, AuthError } from '../errors';
import type { RequestMeta } from '../request-meta';
import { openSession } from '../sessions/open';
import { mfaTokenHash } from '../two-factor/challenge';
import { mfaTokenInvalid } from '../two-factor/refusals';
import { assertionOptions, verifyAssertion } from './assertion';

/** Options for a usernameless sign-in: no account named, so the browser offers the passkeys it
 * holds for this site (in the email field's autofill, or in its own dialog). */
export function passkeySignInOptions(ctx: AuthContext): Promise<AuthenticationOptionsOutput> {
  return assertionOptions(ctx, 'sign_in', null);
}

/** A sign-in by passkey alone. The device checked who holds it (user verification is required)
 * and the passkey is something held: two factors, so no second step follows, whatever the
 * account's two-factor setting. The same token pair as a password sign-in. */
export async function signInWithPasskey(
  ctx: AuthContext,
  input: PasskeySignInInput,
  meta: RequestMeta,
): Promise<TokenPairOutput> {
  const verified = await verifyAssertion(
    ctx,
    ctx.prisma,
    input.response,
    { purpose: 'sign_in', userId: null },
    meta,
  );
  if (verified instanceof AuthError) {
    await recordAudit(
      ctx.prisma,
      { type: 'login_failure', detail: { method: 'passkey', reason: verified.code } },
      meta,
    );
    throw verified;
  }
  await ctx.keys.ready(); // signing happens inside the transaction below
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({
      where: { id: verified.userId },
      select: { id: true, role: true, isActive: true },
    });
    if (!account.isActive) throw accountDisabled();
    const pair = await openSession(ctx, tx, account, meta);
    await recordAudit(
      tx,
      {
        type: 'login_success',
        userId: account.id,
        detail: { method: 'passkey', passkey_id: verified.passkeyId },
      },
      meta,
    );
    return pair;
  });
}

/** Options for proving a sensitive change with a passkey (step-up): the caller's passkeys. */
export function passkeyStepUpOptions(
  ctx: AuthContext,
  userId: string,
): Promise<AuthenticationOptionsOutput> {
  return assertionOptions(ctx, 'step_up', userId);
}

/** Options for answering a sign-in's second step with a passkey: the account is the one the
 * `mfa_token` belongs to (its owner proved the password), its passkeys listed. */
export async function passkeySecondStepOptions(
  ctx: AuthContext,
  input: PasskeySecondStepOptionsInput,
): Promise<AuthenticationOptionsOutput> {
  const challenge = await ctx.prisma.mfaChallenge.findUnique({
    where: { tokenHash: mfaTokenHash(input.mfa_token) },
    select: { userId: true, usedAt: true, expiresAt: true, attempts: true },
  });
  if (
    !challenge ||
    challenge.usedAt ||
    challenge.expiresAt <= ctx.clock.now() ||
    challenge.attempts >= ctx.config.maxOtpAttempts
  ) {
    throw mfaTokenInvalid();
  }
  return assertionOptions(ctx, 'second_factor', challenge.userId);
}
