import type { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
import { createSecretBox } from '../crypto/secret-box';
import { matchTotpStep } from './totp';

type Tx = Prisma.TransactionClient;

/** TOTP secrets are sealed at rest under a key of their own, derived from OTP_SECRET. */
export function totpBox(ctx: AuthContext) {
  return createSecretBox(ctx.config.otpSecret, 'totp');
}

/** The user's authenticator-app credential, confirmed (two-factor on) or pending. */
export function findTotp(ctx: AuthContext, userId: string) {
  return ctx.prisma.totpCredential.findUnique({
    where: { userId },
    select: { secretSealed: true, confirmedAt: true },
  });
}

export async function isTwoFactorOn(ctx: AuthContext, userId: string): Promise<boolean> {
  const credential = await findTotp(ctx, userId);
  return Boolean(credential?.confirmedAt);
}

/** Accepts a code at most once per user: the step it belongs to must be later than the last
 * step accepted, checked and recorded in one conditional update (so a replay in the same step,
 * even in parallel, is refused). `state` picks a confirmed or a pending credential. */
export async function consumeTotpCode(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  code: string,
  state: 'confirmed' | 'pending',
): Promise<boolean> {
  const credential = await tx.totpCredential.findUnique({
    where: { userId },
    select: { secretSealed: true, confirmedAt: true },
  });
  if (!credential || (credential.confirmedAt !== null) !== (state === 'confirmed')) return false;
  const step = matchTotpStep(totpBox(ctx).open(credential.secretSealed), code, ctx.clock.now());
  if (step === null) return false;
  const accepted = await tx.totpCredential.updateMany({
    where: {
      userId,
      confirmedAt: state === 'confirmed' ? { not: null } : null,
      OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }],
    },
    data: { lastUsedStep: step },
  });
  return accepted.count === 1;
}
