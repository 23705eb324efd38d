import { AuthError } from '@otp-auth/auth';
import type { ErrorCode, FieldErrors } from '@otp-auth/validators';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

/** The one map from domain codes to tRPC codes (and so to HTTP statuses). */
const trpcCodeFor: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  invalid_input: 'BAD_REQUEST',
  invalid_credentials: 'UNAUTHORIZED',
  account_not_verified: 'FORBIDDEN',
  account_disabled: 'FORBIDDEN',
  otp_invalid: 'BAD_REQUEST',
  otp_expired: 'BAD_REQUEST',
  otp_attempts_exceeded: 'BAD_REQUEST',
  token_not_valid: 'UNAUTHORIZED',
  not_authenticated: 'UNAUTHORIZED',
  username_taken: 'BAD_REQUEST',
  password_rejected: 'BAD_REQUEST',
  mfa_token_invalid: 'UNAUTHORIZED',
  two_factor_enabled: 'BAD_REQUEST',
  two_factor_disabled: 'BAD_REQUEST',
  second_factor_required: 'BAD_REQUEST',
  // Too many wrong second-step codes for the account (ADR 127): wait out Retry-After.
  second_factor_locked: 'TOO_MANY_REQUESTS',
  rate_limited: 'TOO_MANY_REQUESTS',
  permission_denied: 'FORBIDDEN',
  last_admin: 'CONFLICT',
  account_state_conflict: 'CONFLICT',
  webhook_url_refused: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_SUPPORTED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  internal_error: 'INTERNAL_SERVER_ERROR',
  // Last: a tRPC error without a domain cause is described by the first code of its kind above.
  reauthentication_required: 'FORBIDDEN',
  last_sign_in_method: 'BAD_REQUEST',
  passkey_challenge_invalid: 'BAD_REQUEST',
  passkey_not_recognized: 'BAD_REQUEST',
  passkey_verification_failed: 'BAD_REQUEST',
  passkey_already_registered: 'BAD_REQUEST',
  oidc_provider_unknown: 'NOT_FOUND',
  oidc_return_invalid: 'BAD_REQUEST',
  oidc_state_invalid: 'BAD_REQUEST',
  oidc_cancelled: 'BAD_REQUEST',
  // The provider could not be reached or answered wrongly: not the client's doing.
  oidc_provider_error: 'BAD_GATEWAY',
  oidc_token_invalid: 'BAD_REQUEST',
  oidc_email_unverified: 'BAD_REQUEST',
  oidc_email_missing: 'BAD_REQUEST',
  oidc_account_exists: 'CONFLICT',
  oidc_identity_taken: 'CONFLICT',
  oidc_already_linked: 'CONFLICT',
};

export function toTRPCError(error: AuthError): TRPCError {
  return new TRPCError({ code: trpcCodeFor[error.code], message: error.message, cause: error });
}

/** The public part of an error, carried in tRPC's `error.data` and in REST bodies. */
export interface ErrorData {
  code: ErrorCode;
  fields?: FieldErrors;
  retryAfter?: number;
  details?: Record<string, number | string | boolean>;
}

export function describeError(error: TRPCError): { message: string; data: ErrorData } {
  const cause = error.cause;
  if (cause instanceof AuthError) {
    return {
      message: cause.message,
      data: {
        code: cause.code,
        ...(cause.fields ? { fields: cause.fields } : {}),
        ...(cause.retryAfter === undefined ? {} : { retryAfter: cause.retryAfter }),
        ...(cause.details ? { details: cause.details } : {}),
      },
    };
  }
  if (cause instanceof ZodError) {
    return {
      message: 'Invalid input.',
      data: { code: 'invalid_input', fields: zodFieldErrors(cause) },
    };
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    // Never show internals: the message of an unexpected error may name tables or paths.
    return { message: 'Internal server error.', data: { code: 'internal_error' } };
  }
  const code = (Object.keys(trpcCodeFor) as ErrorCode[]).find(
    (key) => trpcCodeFor[key] === error.code,
  );
  return { message: error.message, data: { code: code ?? 'invalid_input' } };
}

/** tRPC's error envelope as this API answers it: tRPC's own fields (message, JSON-RPC code,
 * `data.httpStatus`, `data.path`) with our message and public data in `data`, never a stack.
 * The router's error formatter returns it, and the server's single-call path answers with it
 * too, so both answer alike. */
export function trpcErrorShape(error: TRPCError, path: string | undefined) {
  const {
    message,
    data: { code, ...publicData },
  } = describeError(error);
  return {
    message,
    code: TRPC_ERROR_CODES_BY_KEY[error.code],
    data: {
      code,
      httpStatus: getHTTPStatusCodeFromError(error),
      ...(typeof path === 'string' ? { path } : {}),
      ...publicData,
    },
  };
}

/** zod issues as DRF reports them: `{ field: [messages] }`, `non_field_errors` for the body. */
function zodFieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'non_field_errors';
    // The body's own type first: zod 4 leaves `issue.input` unset, so a JSON array or string
    // body would otherwise read as a missing field.
    const message =
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? 'Expected a JSON object.'
        : issue.code === 'invalid_type' && issue.input === undefined
          ? 'This field is required.'
          : issue.message;
    (fields[key] ??= []).push(message);
  }
  return fields;
}

/** `Retry-After` for a response that carries a rate-limit or unavailable error (RFC 9110
 * §10.2.3). */
export function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  let seconds: number | undefined;
  for (const error of errors) {
    const cause = error.cause;
    if (cause instanceof AuthError && cause.retryAfter !== undefined) {
      seconds = Math.max(seconds ?? 0, cause.retryAfter);
    }
  }
  return seconds === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}
