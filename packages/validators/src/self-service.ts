import { z } from 'zod';
import * as ex from './examples';
import { emailField } from './email';
import { currentPasswordField, otpField, passwordField, phoneNumberField } from './fields';
import { profileOutput } from './outputs';
import { atMostOneFactor, stepUpFields } from './step-up';
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

export const forgotPasswordInput = z
  .object({ email: emailField })
  .meta({ examples: [{ email: ex.email }] });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

export const resetPasswordInput = z
  .object({
    email: emailField,
    otp: otpField,
    new_password: passwordField,
    confirm_password: confirmField,
  })
  .superRefine(confirmsPassword)
  .meta({
    examples: [
      {
        email: ex.email,
        otp: ex.code,
        new_password: ex.newPassword,
        confirm_password: ex.newPassword,
      },
    ],
  });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

/** Either field or both; the same rules as at registration. */
export const updateProfileInput = z
  .object({ username: usernameField.optional(), phone_number: phoneNumberField.optional() })
  .refine((value) => value.username !== undefined || value.phone_number !== undefined, {
    message: 'Send username, phone_number or both.',
  })
  .meta({ examples: [{ username: 'newname', phone_number: '+15550001111' }] });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const changeEmailInput = z
  .object({ new_email: emailField, password: currentPasswordField, ...stepUpFields })
  .superRefine(atMostOneFactor)
  .meta({
    examples: [
      { new_email: 'new@example.com', password: ex.password },
      { new_email: 'new@example.com', password: ex.password, code: ex.code },
    ],
  });
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;

export const confirmEmailChangeInput = z
  .object({ otp: otpField })
  .meta({ examples: [{ otp: ex.code }] });
export type ConfirmEmailChangeInput = z.infer<typeof confirmEmailChangeInput>;

export const deleteAccountInput = z
  .object({ password: currentPasswordField, ...stepUpFields })
  .superRefine(atMostOneFactor)
  .meta({ examples: [{ password: ex.password }, { password: ex.password, code: ex.code }] });
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

const timestamp = z.string().describe('ISO 8601 timestamp.');

/** Everything the service holds about the person, in one JSON document. */
export const exportDataOutput = z
  .object({
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
  })
  .meta({
    examples: [
      {
        exported_at: '2026-01-02T08:00:00.000Z',
        profile: { ...ex.profile, email_verified_at: '2026-01-01T12:01:00.000Z' },
        sessions: [
          {
            created_at: '2026-01-01T12:02:00.000Z',
            last_used_at: '2026-01-02T07:59:00.000Z',
            ended_at: null,
            ip: '203.0.113.7',
            user_agent: 'curl/8.5.0',
          },
        ],
        linked_providers: [
          {
            provider: 'google',
            email: ex.email,
            linked_at: '2026-01-01T12:05:00.000Z',
            last_used_at: '2026-01-02T07:58:00.000Z',
          },
        ],
        audit_events: [
          {
            type: 'login_success',
            created_at: '2026-01-01T12:02:00.000Z',
            ip: '203.0.113.7',
            user_agent: 'curl/8.5.0',
          },
        ],
      },
    ],
  });
export type ExportDataOutput = z.infer<typeof exportDataOutput>;
