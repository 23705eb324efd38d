import { z } from 'zod';
import * as ex from './examples';
import { emailField } from './email';
import {
  currentPasswordField,
  isPasswordSimilar,
  otpField,
  PASSWORD_SIMILAR_MESSAGE,
  passwordField,
  phoneNumberField,
  tokenField,
} from './fields';
import { atMostOneFactor, stepUpFields } from './step-up';
import { usernameField } from './username';

export const registerInput = z
  .object({
    email: emailField,
    username: usernameField,
    phone_number: phoneNumberField,
    password: passwordField,
  })
  .superRefine((value, ctx) => {
    if (isPasswordSimilar(value.password, value)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_SIMILAR_MESSAGE });
    }
  })
  .meta({
    examples: [
      { email: ex.email, username: 'testuser', phone_number: '1234567890', password: ex.password },
    ],
  });
export type RegisterInput = z.infer<typeof registerInput>;

export const verifyOtpInput = z
  .object({ email: emailField, otp: otpField })
  .meta({ examples: [{ email: ex.email, otp: ex.code }] });
export type VerifyOtpInput = z.infer<typeof verifyOtpInput>;

export const resendOtpInput = z
  .object({ email: emailField })
  .meta({ examples: [{ email: ex.email }] });
export type ResendOtpInput = z.infer<typeof resendOtpInput>;

export const loginInput = z
  .object({ email: emailField, password: currentPasswordField })
  .meta({ examples: [{ email: ex.email, password: ex.password }] });
export type LoginInput = z.infer<typeof loginInput>;

export const refreshInput = z
  .object({ refresh: tokenField })
  .meta({ examples: [{ refresh: ex.refresh }] });
export type RefreshInput = z.infer<typeof refreshInput>;

export const logoutInput = z
  .object({ refresh_token: tokenField })
  .meta({ examples: [{ refresh_token: ex.refresh }] });
export type LogoutInput = z.infer<typeof logoutInput>;

export const changePasswordInput = z
  .object({
    old_password: currentPasswordField,
    new_password: passwordField,
    confirm_password: z.string({ error: 'This field is required.' }).max(1024),
    ...stepUpFields,
  })
  .superRefine((value, ctx) => {
    atMostOneFactor(value, ctx);
    if (value.new_password !== value.confirm_password) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirm_password'],
        message: 'The two password fields did not match.',
      });
    }
    if (value.new_password === value.old_password) {
      ctx.addIssue({
        code: 'custom',
        path: ['new_password'],
        message: 'The new password must differ from the old one.',
      });
    }
  })
  .meta({
    examples: [
      { old_password: ex.password, new_password: ex.newPassword, confirm_password: ex.newPassword },
      {
        old_password: ex.password,
        new_password: ex.newPassword,
        confirm_password: ex.newPassword,
        code: ex.code,
      },
    ],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
