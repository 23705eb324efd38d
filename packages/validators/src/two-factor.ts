import { z } from 'zod';
import { currentPasswordField, otpField, tokenField } from './fields';
import { tokenPairOutput } from './outputs';

export const RECOVERY_CODE_COUNT = 10;

/** Recovery codes are 10 base32 characters (50 bits), shown as `xxxxx-xxxxx`; case, spaces and
 * dashes do not matter when typed back. */
export function normalizeRecoveryCode(value: string): string {
  return value.toLowerCase().replace(/[\s-]/g, '');
}

export const recoveryCodeField = z
  .string({ error: 'This field is required.' })
  .max(64, 'Enter a recovery code.')
  .transform(normalizeRecoveryCode)
  .pipe(z.string().regex(/^[a-z2-7]{10}$/, 'Enter a recovery code.'));

/** Exactly one of `code` (from the authenticator app) or `recovery_code`. */
const secondFactor = {
  code: otpField.optional().describe('The 6-digit code from the authenticator app.'),
  recovery_code: recoveryCodeField.optional().describe('A recovery code, instead of `code`.'),
};

function oneFactor(
  value: { code?: string | undefined; recovery_code?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if ((value.code === undefined) === (value.recovery_code === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['code'],
      message: 'Enter either the code from your app or a recovery code.',
    });
  }
}

export const passwordConfirmInput = z.object({ password: currentPasswordField });
export type PasswordConfirmInput = z.infer<typeof passwordConfirmInput>;

export const totpSetupOutput = z.object({
  secret: z.string().describe('The 160-bit secret in base32, for manual entry in the app.'),
  otpauth_url: z.string().describe('`otpauth://totp/…` URI, usually shown as a QR code.'),
});
export type TotpSetupOutput = z.infer<typeof totpSetupOutput>;

export const totpConfirmInput = z.object({ code: otpField });
export type TotpConfirmInput = z.infer<typeof totpConfirmInput>;

export const recoveryCodesOutput = z.object({
  recovery_codes: z
    .array(z.string())
    .describe('Single-use codes, shown this once; only keyed hashes are stored.'),
});
export type RecoveryCodesOutput = z.infer<typeof recoveryCodesOutput>;

export const twoFactorStatusOutput = z.object({
  enabled: z.boolean(),
  recovery_codes_left: z.number().int(),
});
export type TwoFactorStatusOutput = z.infer<typeof twoFactorStatusOutput>;

export const totpDisableInput = z
  .object({ password: currentPasswordField, ...secondFactor })
  .superRefine(oneFactor);
export type TotpDisableInput = z.infer<typeof totpDisableInput>;

export const loginSecondStepInput = z
  .object({ mfa_token: tokenField, ...secondFactor })
  .superRefine(oneFactor);
export type LoginSecondStepInput = z.infer<typeof loginSecondStepInput>;

export const mfaRequiredOutput = z.object({
  mfa_required: z.literal(true),
  mfa_token: z
    .string()
    .describe('Opaque, valid 5 minutes, accepted only by `POST /api/login/2fa/`.'),
});
export type MfaRequiredOutput = z.infer<typeof mfaRequiredOutput>;

/** A login answers tokens, or, for an account with two-factor on, a second step to take. */
export const loginOutput = z.union([tokenPairOutput, mfaRequiredOutput]);
export type LoginOutput = z.infer<typeof loginOutput>;
