import { isPasswordSimilar, PASSWORD_SIMILAR_MESSAGE } from '@otp-auth/validators';
import { dictionary } from '@zxcvbn-ts/language-common';
import { fieldError } from './errors';

/** zxcvbn-ts's list of common passwords (about 49k, lower case), kept up to date by that
 * package rather than by hand. */
const commonPasswords = new Set(dictionary['passwords-common']);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** The rule that needs no account: not a common password. */
export function assertPasswordNotCommon(password: string, field = 'password'): void {
  if (isCommonPassword(password)) {
    throw fieldError(
      field,
      'This password is too common. Choose one that is harder to guess.',
      'password_rejected',
    );
  }
}

/** Rules beyond length (checked by the shared schema): not a common password, and not the
 * account's own email or username. No composition rules. */
export function assertPasswordAllowed(
  password: string,
  account: { email: string; username: string },
  field = 'password',
): void {
  if (isPasswordSimilar(password, account)) {
    throw fieldError(field, PASSWORD_SIMILAR_MESSAGE, 'password_rejected');
  }
  assertPasswordNotCommon(password, field);
}
