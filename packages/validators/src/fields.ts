import { z } from 'zod';

/** bcrypt reads 72 bytes at most; longer passwords are refused rather than silently cut. */
const PASSWORD_MAX_BYTES = 72;
const PASSWORD_MIN_LENGTH = 8;
export const OTP_LENGTH = 6;

const utf8 = new TextEncoder();

/** The one rule for the bcrypt bound: a password longer than this is refused at registration
 * and never matches anywhere else. */
export function fitsPasswordBound(password: string): boolean {
  return utf8.encode(password).length <= PASSWORD_MAX_BYTES;
}

export const PASSWORD_SIMILAR_MESSAGE = 'The password is too similar to the email or username.';

/** The one similarity rule: a password may not be the account's own email or username, in any
 * case. Checked by the registration schema and, for every new password, by the domain. */
export function isPasswordSimilar(
  password: string,
  account: { email: string; username: string },
): boolean {
  const lowered = password.toLowerCase();
  return lowered === account.email.toLowerCase() || lowered === account.username.toLowerCase();
}

export const phoneNumberField = z
  .string({ error: 'This field is required.' })
  .trim()
  .overwrite((value) => value.replace(/[\s().-]/g, ''))
  .regex(/^\+?\d{7,15}$/, 'Enter a valid phone number (7 to 15 digits).');

export const passwordField = z
  .string({ error: 'This field is required.' })
  .min(PASSWORD_MIN_LENGTH, `Ensure this field has at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine(fitsPasswordBound, `Ensure this field has no more than ${PASSWORD_MAX_BYTES} bytes.`);

/** A password already stored is checked as given: only its presence and bound matter here. */
export const currentPasswordField = z
  .string({ error: 'This field is required.' })
  .min(1, 'This field is required.')
  .max(1024, 'Ensure this field has no more than 1024 characters.');

export const otpField = z
  .string({ error: 'This field is required.' })
  .trim()
  .regex(new RegExp(`^\\d{${OTP_LENGTH}}$`), `Enter the ${OTP_LENGTH}-digit code.`);

export const tokenField = z
  .string({ error: 'This field is required.' })
  .min(1, 'This field is required.')
  .max(4096, 'Ensure this field has no more than 4096 characters.');
