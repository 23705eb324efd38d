import { AuthError, fieldError } from '../errors';

export const twoFactorAlreadyOn = () =>
  new AuthError('two_factor_enabled', 'Two-factor sign-in is already on.');

export const twoFactorOff = (message = 'Two-factor sign-in is not on.') =>
  new AuthError('two_factor_disabled', message);

export const mfaTokenInvalid = () =>
  new AuthError(
    'mfa_token_invalid',
    'This sign-in has expired or was already used. Sign in again.',
  );

/** A wrong second factor, reported on the field that carried it. */
export const wrongSecondFactor = (field: 'code' | 'recovery_code') =>
  fieldError(
    field,
    field === 'code' ? 'Wrong code.' : 'Wrong or already used recovery code.',
    'otp_invalid',
  );
