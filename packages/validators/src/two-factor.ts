import { z } from 'zod';
import * as ex from './examples';
import { currentPasswordField, otpField, tokenField } from './fields';
import { tokenPairOutput } from './outputs';
import { authenticationResponseField } from './webauthn';

export const RECOVERY_CODE_COUNT = 10;

/** Recovery codes are 10 base32 characters (50 bits), shown as `xxxxx-xxxxx`; case, spaces and
 * dashes do not matter when typed back. */
export function normalizeRecoveryCode(value: string): string {
  return value.toLowerCase().replace(/[\s-]/g, '');
}

export const recoveryCodeField = z
  .string({ error: 'This field is required.' })
  .max(64, { message: 'Enter a recovery code.', abort: true })
  .overwrite(normalizeRecoveryCode)
  .regex(/^[a-z2-7]{10}$/, 'Enter a recovery code.');

/** Exactly one of `code` (from the authenticator app) or `recovery_code`. */
const secondFactor = {
  code: otpField.optional().describe('The 6-digit code from the authenticator app.'),
  recovery_code: recoveryCodeField.optional().describe('A recovery code, instead of `code`.'),
};

function oneFactor(
  value: { code?: string | undefined; recovery_code?: string | undefined; passkey?: unknown },
  ctx: z.RefinementCtx,
) {
  const given = [value.code, value.recovery_code, value.passkey].filter((v) => v !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['code'],
      message: 'Enter either the code from your app or a recovery code.',
    });
  }
}

export const passwordConfirmInput = z
  .object({ password: currentPasswordField })
  .meta({ examples: [{ password: ex.password }] });
export type PasswordConfirmInput = z.infer<typeof passwordConfirmInput>;

export const totpSetupOutput = z
  .object({
    secret: z.string().describe('The 160-bit secret in base32, for manual entry in the app.'),
    otpauth_url: z.string().describe('`otpauth://totp/…` URI, usually shown as a QR code.'),
  })
  .meta({
    examples: [
      {
        secret: ex.totpSecret,
        otpauth_url: `otpauth://totp/otp-auth:${encodeURIComponent(ex.email)}?issuer=otp-auth&algorithm=SHA1&secret=${ex.totpSecret}&period=30&digits=6`,
      },
    ],
  });
export type TotpSetupOutput = z.infer<typeof totpSetupOutput>;

export const totpConfirmInput = z
  .object({ code: otpField })
  .meta({ examples: [{ code: ex.code }] });
export type TotpConfirmInput = z.infer<typeof totpConfirmInput>;

export const recoveryCodesOutput = z
  .object({
    recovery_codes: z
      .array(z.string())
      .describe('Single-use codes, shown this once; only keyed hashes are stored.'),
  })
  .meta({ examples: [{ recovery_codes: ex.recoveryCodes }] });
export type RecoveryCodesOutput = z.infer<typeof recoveryCodesOutput>;

export const twoFactorStatusOutput = z
  .object({
    enabled: z.boolean(),
    recovery_codes_left: z.number().int(),
  })
  .meta({ examples: [{ enabled: true, recovery_codes_left: 10 }] });
export type TwoFactorStatusOutput = z.infer<typeof twoFactorStatusOutput>;

export const totpDisableInput = z
  .object({ password: currentPasswordField, ...secondFactor })
  .superRefine(oneFactor)
  .meta({ examples: [{ password: ex.password, code: ex.code }] });
export type TotpDisableInput = z.infer<typeof totpDisableInput>;

export const loginSecondStepInput = z
  .object({
    mfa_token: tokenField,
    ...secondFactor,
    passkey: authenticationResponseField
      .optional()
      .describe(
        'A passkey of the account, instead of `code`: the answer to `POST /api/login/2fa/passkey/options/`.',
      ),
  })
  .superRefine(oneFactor)
  .meta({ examples: [{ mfa_token: ex.mfaToken, code: ex.code }] });
export type LoginSecondStepInput = z.infer<typeof loginSecondStepInput>;

export const mfaRequiredOutput = z
  .object({
    mfa_required: z.literal(true),
    mfa_token: z
      .string()
      .describe('Opaque, valid 5 minutes, accepted only by `POST /api/login/2fa/`.'),
  })
  .meta({ examples: [{ mfa_required: true, mfa_token: ex.mfaToken }] });
export type MfaRequiredOutput = z.infer<typeof mfaRequiredOutput>;

/** A login answers tokens, or, for an account with two-factor on, a second step to take. */
export const loginOutput = z.union([tokenPairOutput, mfaRequiredOutput]);
export type LoginOutput = z.infer<typeof loginOutput>;
