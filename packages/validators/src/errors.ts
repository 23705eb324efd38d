import { oidcErrorCodes } from './external-sign-in';

/** A passkey's refusals: each a 400; what exactly failed is only in the server's log. */
const passkeyErrorCodes = [
  'passkey_challenge_invalid',
  'passkey_not_recognized',
  'passkey_verification_failed',
  'passkey_already_registered',
] as const;

/** Machine-readable error codes shared by the server, the SPA and the typed client. */
export const errorCodes = [
  'invalid_input',
  'invalid_credentials',
  'account_not_verified',
  'account_disabled',
  'otp_invalid',
  'otp_expired',
  'otp_attempts_exceeded',
  'token_not_valid',
  'not_authenticated',
  'username_taken',
  'password_rejected',
  'mfa_token_invalid',
  'two_factor_enabled',
  'two_factor_disabled',
  'second_factor_required',
  'second_factor_locked',
  'reauthentication_required',
  'last_sign_in_method',
  ...passkeyErrorCodes,
  ...oidcErrorCodes,
  'rate_limited',
  'permission_denied',
  'last_admin',
  'account_state_conflict',
  'webhook_url_refused',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field name → messages, as Django REST Framework reports bad fields. */
export type FieldErrors = Record<string, string[]>;
