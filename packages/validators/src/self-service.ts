import { z } from 'zod';
import { emailField } from './email';
import { currentPasswordField, otpField, passwordField, phoneNumberField } from './fields';
import { profileOutput } from './outputs';
import { usernameField } from './username';

const confirmField = z.string({ error: 'This field is required.' }).max(1024);

/** `confirm_password` must repeat `new_password`. */
function confirmsPassword(
  value: { new_password: string; confirm_password: string },
  ctx: z.RefinementCtx,
) {
  if (value.new_password !== value.confirm_password) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirm_password'],
      message: 'The two password fields did not match.',
    });
  }
}

export const forgotPasswordInput = z.object({ email: emailField });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

export const resetPasswordInput = z
  .object({
    email: emailField,
    otp: otpField,
    new_password: passwordField,
    confirm_password: confirmField,
  })
  .superRefine(confirmsPassword);
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

/** Either field or both; the same rules as at registration. */
export const updateProfileInput = z
  .object({ username: usernameField.optional(), phone_number: phoneNumberField.optional() })
  .refine((value) => value.username !== undefined || value.phone_number !== undefined, {
    message: 'Send username, phone_number or both.',
  });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const changeEmailInput = z.object({ new_email: emailField, password: currentPasswordField });
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;

export const confirmEmailChangeInput = z.object({ otp: otpField });
export type ConfirmEmailChangeInput = z.infer<typeof confirmEmailChangeInput>;

export const deleteAccountInput = z.object({ password: currentPasswordField });
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

const timestamp = z.string().describe('ISO 8601 timestamp.');

/** Everything the service holds about the person, in one JSON document. */
export const exportDataOutput = z.object({
  exported_at: timestamp,
  profile: profileOutput.extend({ email_verified_at: timestamp.nullable() }),
  sessions: z.array(
    z.object({
      created_at: timestamp,
      last_used_at: timestamp,
      ended_at: timestamp.nullable().describe('When it was signed out or revoked; null if live.'),
      ip: z.string().nullable(),
      user_agent: z.string().nullable(),
    }),
  ),
  linked_providers: z.array(
    z.object({
      provider: z.string(),
      email: z.string().nullable(),
      linked_at: timestamp,
      last_used_at: timestamp.nullable(),
    }),
  ),
  audit_events: z.array(
    z.object({
      type: z.string(),
      created_at: timestamp,
      ip: z.string().nullable(),
      user_agent: z.string().nullable(),
    }),
  ),
});
export type ExportDataOutput = z.infer<typeof exportDataOutput>;
