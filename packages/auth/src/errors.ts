import type { ErrorCode, FieldErrors } from '@otp-auth/validators';

export interface AuthErrorOptions {
  fields?: FieldErrors;
  /** Seconds until the client may try again (rate limits). */
  retryAfter?: number;
  /** Extra public facts, e.g. attempts left on a code. */
  details?: Record<string, number | string | boolean>;
}

/** The domain's one error type: a machine code, a human message, nothing internal. */
export class AuthError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly retryAfter: number | undefined;
  readonly details: AuthErrorOptions['details'];

  constructor(code: ErrorCode, message: string, options: AuthErrorOptions = {}) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }
}

export const tokenNotValid = () => new AuthError('token_not_valid', 'Token is invalid or expired.');

export const invalidCredentials = () =>
  new AuthError('invalid_credentials', 'No active account found with the given credentials.');

export const fieldError = (field: string, message: string, code: ErrorCode = 'invalid_input') =>
  new AuthError(code, message, { fields: { [field]: [message] } });
