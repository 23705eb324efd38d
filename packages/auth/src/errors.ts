import { isDatabaseUnavailable } from '@otp-auth/db';
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

/** The right password of an account an admin disabled: only its owner knows the password, so
 * saying why is safe and spares them guessing (ADR 153). */
export const accountDisabled = () =>
  new AuthError(
    'account_disabled',
    "This account is disabled. Contact the service's administrator.",
  );

export const fieldError = (field: string, message: string, code: ErrorCode = 'invalid_input') =>
  new AuthError(code, message, { fields: { [field]: [message] } });

/** Seconds a client is asked to wait while the database cannot be reached. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** What a use case threw, as the domain's coded error: an AuthError as it is, a database that
 * cannot be reached as `service_unavailable` (the client may retry: nothing is broken for
 * good); null for anything else, which stays an internal error. */
export function domainErrorOf(error: unknown): AuthError | null {
  if (error instanceof AuthError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AuthError('service_unavailable', 'The service is unavailable. Try again shortly.', {
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  return null;
}
