import { z } from 'zod';
import * as ex from './examples';
import { currentPasswordField, otpField } from './fields';
import { recoveryCodeField } from './two-factor';
import { authenticationResponseField, type AuthenticationResponseInput } from './webauthn';

/** Step-up (ADR 126): with two-factor on, a sensitive change (recovery codes, email, password,
 * deletion) also takes a second factor in the same request. Optional on the wire: accounts
 * without two-factor send neither, as before. */
export const stepUpFields = {
  code: otpField
    .optional()
    .describe(
      'With two-factor on: the 6-digit code from the authenticator app (or send `recovery_code`). Without it such an account gets 400 `second_factor_required`.',
    ),
  recovery_code: recoveryCodeField
    .optional()
    .describe('With two-factor on: a recovery code, instead of `code`.'),
  passkey: authenticationResponseField
    .optional()
    .describe(
      'With two-factor on: a passkey of the account instead of `code`, the answer to `POST /api/passkeys/step-up/options/`.',
    ),
};

export interface StepUpProof {
  code?: string | undefined;
  recovery_code?: string | undefined;
  passkey?: AuthenticationResponseInput | undefined;
}

/** One second factor at most: which of the two was meant would be a guess. */
export function atMostOneFactor(value: StepUpProof, ctx: z.RefinementCtx): void {
  const given = [value.code, value.recovery_code, value.passkey].filter((v) => v !== undefined);
  if (given.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['recovery_code'],
      message: 'Send one of code, recovery_code or passkey, not several.',
    });
  }
}

export const regenerateRecoveryCodesInput = z
  .object({ password: currentPasswordField, ...stepUpFields })
  .superRefine(atMostOneFactor)
  .meta({ examples: [{ password: ex.password, code: ex.code }] });
export type RegenerateRecoveryCodesInput = z.infer<typeof regenerateRecoveryCodesInput>;
