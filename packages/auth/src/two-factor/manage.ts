import type {
  MessageOutput,
  RecoveryCodesOutput,
  RegenerateRecoveryCodesInput,
  TotpDisableInput,
  TwoFactorStatusOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { enqueueMail } from '../mail/outbox';
import { recoveryCodesRenewedMail, twoFactorDisabledMail } from '../mail/two-factor-templates';
import { isTwoFactorOn } from './credential';
import { twoFactorOff, wrongSecondFactor } from './refusals';
import { recoveryCodesLeft, replaceRecoveryCodes } from './recovery-codes';
import { assertCurrentPassword } from '../account/current-password';
import { spendSecondFactor } from './second-factor';
import { emitEvent } from '../webhooks/emit';
import { requireStepUp, stepUpDetail } from './step-up';

export async function twoFactorStatus(
  ctx: AuthContext,
  auth: AuthenticatedUser,
): Promise<TwoFactorStatusOutput> {
  const enabled = await isTwoFactorOn(ctx, auth.userId);
  return {
    enabled,
    recovery_codes_left: enabled ? await recoveryCodesLeft(ctx, auth.userId) : 0,
  };
}

/** A new set of recovery codes; every earlier one dies. It takes the password and a second
 * factor (step-up), and the owner is told by mail. */
export async function regenerateRecoveryCodes(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: RegenerateRecoveryCodesInput,
  meta: RequestMeta,
): Promise<RecoveryCodesOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  if (!(await isTwoFactorOn(ctx, auth.userId))) throw twoFactorOff();
  const codes = await ctx.prisma.$transaction(async (tx) => {
    const factor = await requireStepUp(ctx, tx, auth.userId, data);
    const fresh = await replaceRecoveryCodes(ctx, tx, auth.userId);
    await enqueueMail(
      tx,
      auth.profile.email,
      recoveryCodesRenewedMail(ctx.config),
      ctx.clock.now(),
    );
    await recordAudit(
      tx,
      { type: 'recovery_codes_regenerated', userId: auth.userId, detail: stepUpDetail(factor) },
      meta,
    );
    return fresh;
  });
  ctx.mailQueued();
  return { recovery_codes: codes };
}

/** Turning two-factor off takes the password and a second factor, so a stolen session alone
 * cannot do it. The secret, recovery codes and open sign-in challenges all go. */
export async function disableTwoFactor(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: TotpDisableInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  if (!(await isTwoFactorOn(ctx, auth.userId))) throw twoFactorOff();
  await ctx.prisma.$transaction(async (tx) => {
    const factor = await spendSecondFactor(ctx, tx, auth.userId, data);
    if (!factor) throw wrongSecondFactor(data.code === undefined ? 'recovery_code' : 'code');
    await tx.totpCredential.deleteMany({ where: { userId: auth.userId } });
    await tx.recoveryCode.deleteMany({ where: { userId: auth.userId } });
    await tx.mfaChallenge.deleteMany({ where: { userId: auth.userId } });
    await enqueueMail(tx, auth.profile.email, twoFactorDisabledMail(ctx.config), ctx.clock.now());
    await recordAudit(
      tx,
      { type: 'two_factor_disabled', userId: auth.userId, detail: { second_factor: factor } },
      meta,
    );
    await emitEvent(tx, ctx.clock.now(), {
      type: 'two_factor.disabled',
      data: { user_id: auth.userId, method: 'totp' },
    });
  });
  ctx.mailQueued();
  return { message: 'Two-factor sign-in is off.' };
}
