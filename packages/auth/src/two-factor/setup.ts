import type {
  PasswordConfirmInput,
  RecoveryCodesOutput,
  TotpConfirmInput,
  TotpSetupOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { revokeSessions } from '../sessions/revoke';
import { enqueueMail } from '../mail/outbox';
import { twoFactorEnabledMail } from '../mail/two-factor-templates';
import { isUniqueViolation } from '../unique-violation';
import { consumeTotpCode, findTotp, totpBox } from './credential';
import { twoFactorAlreadyOn, twoFactorOff, wrongSecondFactor } from './refusals';
import { replaceRecoveryCodes } from './recovery-codes';
import { assertCurrentPassword } from '../account/current-password';
import { newTotpSecret, otpauthUrl } from './totp';
import { emitEvent } from '../webhooks/emit';

/** Starts setup: a fresh secret, pending until a code from the app confirms it. A second setup
 * replaces a pending one; an enabled one must be turned off first. */
export async function setupTotp(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: PasswordConfirmInput,
  meta: RequestMeta,
): Promise<TotpSetupOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  if ((await findTotp(ctx, auth.userId))?.confirmedAt) throw twoFactorAlreadyOn();

  const secret = newTotpSecret();
  const fields = {
    secretSealed: totpBox(ctx).seal(secret),
    confirmedAt: null,
    lastUsedStep: null,
    createdAt: ctx.clock.now(),
  };
  try {
    await ctx.prisma.$transaction(async (tx) => {
      const replaced = await tx.totpCredential.updateMany({
        where: { userId: auth.userId, confirmedAt: null },
        data: fields,
      });
      // No pending row to replace: create one (a parallel confirm makes this a unique clash).
      if (replaced.count === 0) {
        await tx.totpCredential.create({ data: { userId: auth.userId, ...fields } });
      }
      await recordAudit(tx, { type: 'two_factor_setup', userId: auth.userId }, meta);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw twoFactorAlreadyOn();
    throw error;
  }
  return {
    secret,
    otpauth_url: otpauthUrl(ctx.config.productName, auth.profile.email, secret),
  };
}

/** A code from the app turns two-factor on: recovery codes are issued (shown this once),
 * every other session ends, the owner is told by mail. */
export async function confirmTotp(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: TotpConfirmInput,
  meta: RequestMeta,
): Promise<RecoveryCodesOutput> {
  const credential = await findTotp(ctx, auth.userId);
  if (!credential) throw twoFactorOff('Set up two-factor sign-in first.');
  if (credential.confirmedAt) throw twoFactorAlreadyOn();

  const codes = await ctx.prisma.$transaction(async (tx) => {
    if (!(await consumeTotpCode(ctx, tx, auth.userId, data.code, 'pending'))) {
      throw wrongSecondFactor('code');
    }
    const now = ctx.clock.now();
    const confirmed = await tx.totpCredential.updateMany({
      where: { userId: auth.userId, confirmedAt: null },
      data: { confirmedAt: now },
    });
    if (confirmed.count === 0) throw twoFactorAlreadyOn();
    const recoveryCodes = await replaceRecoveryCodes(ctx, tx, auth.userId);
    await revokeSessions(
      ctx,
      tx,
      { userId: auth.userId, id: { not: auth.sessionId } },
      'two_factor_enabled',
    );
    await enqueueMail(ctx, tx, auth.profile.email, twoFactorEnabledMail(ctx.config), now);
    await recordAudit(tx, { type: 'two_factor_enabled', userId: auth.userId }, meta);
    await emitEvent(tx, now, {
      type: 'two_factor.enabled',
      data: { user_id: auth.userId, method: 'totp' },
    });
    return recoveryCodes;
  });
  ctx.mailQueued();
  return { recovery_codes: codes };
}
