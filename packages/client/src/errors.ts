import { TRPCClientError } from '@trpc/client';
import type { inferRouterError } from '@trpc/server';
import type { AppRouter } from './app-router.js';

/** The machine codes the service answers with, taken from its router's error shape. */
export type ServerErrorCode = inferRouterError<AppRouter>['data']['code'];

/** Field name → messages, as the service reports bad fields. */
export type FieldErrors = Record<string, string[]>;

type FieldCode = Extract<
  ServerErrorCode,
  'invalid_input' | 'username_taken' | 'password_rejected' | 'second_factor_required'
>;
type OtpCode = Extract<ServerErrorCode, 'otp_invalid' | 'otp_attempts_exceeded'>;
type RateLimitCode = Extract<ServerErrorCode, 'rate_limited' | 'second_factor_locked'>;

interface ClientErrorBase extends Error {
  /** The HTTP status of the answer; 0 when no answer came (network down, not the service). */
  readonly status: number;
  /** The procedure that failed, e.g. `auth.login`, when known. */
  readonly path: string | undefined;
  /** Extra public facts the service sent, e.g. `{ attempts_left: 2 }`. */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

/** Bad input: `fields` says which field is wrong and why, ready to show next to the inputs. */
export interface FieldClientError extends ClientErrorBase {
  readonly code: FieldCode;
  readonly fields: FieldErrors;
}

/** A wrong or used-up one-time code. */
export interface OtpClientError extends ClientErrorBase {
  readonly code: OtpCode;
  /** Guesses the current code still allows, when the service says. */
  readonly attemptsLeft: number | undefined;
}

/** Too many requests, or too many wrong second-step codes for the account (locked a while). */
export interface RateLimitedClientError extends ClientErrorBase {
  readonly code: RateLimitCode;
  /** Seconds to wait before trying again, when the service says. */
  readonly retryAfter: number | undefined;
}

/** The service could not be reached or did not answer as a tRPC endpoint. */
export interface NetworkClientError extends ClientErrorBase {
  readonly code: 'network_error';
}

/** Every other code: credentials, verification, tokens, ... (the message says the rest). */
export interface PlainClientError extends ClientErrorBase {
  readonly code: Exclude<ServerErrorCode, FieldCode | OtpCode | RateLimitCode>;
}

/** What every call of the client rejects with: switch on `code` and the rest is typed. */
export type ClientError =
  | FieldClientError
  | OtpClientError
  | RateLimitedClientError
  | NetworkClientError
  | PlainClientError;

export type ClientErrorCode = ClientError['code'];

const fieldCodes: readonly string[] = [
  'invalid_input',
  'username_taken',
  'password_rejected',
  // Step-up: names the field to add (`code`, or `recovery_code` instead).
  'second_factor_required',
];
const otpCodes: readonly string[] = ['otp_invalid', 'otp_attempts_exceeded'];

class ClientFailure extends Error {
  constructor(message: string, props: Record<string, unknown>, cause: unknown) {
    super(message, { cause });
    this.name = 'ClientError';
    Object.assign(this, props);
  }
}

/** True for every error the client's calls reject with; narrows to the union. */
export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientFailure;
}

/** Turns anything a tRPC call threw into a `ClientError` (for calls made through `client.trpc`). */
export function toClientError(error: unknown): ClientError {
  if (isClientError(error)) return error;
  const data = error instanceof TRPCClientError ? serverErrorData(error.data as unknown) : null;
  const message = error instanceof Error ? error.message : String(error);
  if (!data) {
    return new ClientFailure(
      message,
      { code: 'network_error', status: 0, path: undefined, details: {} },
      error,
    ) as ClientError;
  }
  const details = isRecord(data.details) ? (data.details as ClientErrorBase['details']) : {};
  const props: Record<string, unknown> = {
    code: data.code,
    status: typeof data.httpStatus === 'number' ? data.httpStatus : 0,
    path: typeof data.path === 'string' ? data.path : undefined,
    details,
  };
  if (fieldCodes.includes(data.code)) props.fields = isRecord(data.fields) ? data.fields : {};
  if (otpCodes.includes(data.code)) {
    props.attemptsLeft =
      typeof details.attempts_left === 'number' ? details.attempts_left : undefined;
  }
  if (data.code === 'rate_limited' || data.code === 'second_factor_locked') {
    props.retryAfter = typeof data.retryAfter === 'number' ? data.retryAfter : undefined;
  }
  return new ClientFailure(message, props, error) as ClientError;
}

/** An error the client raises itself, without asking the service (e.g. no session to refresh). */
export function localClientError(code: PlainClientError['code'], message: string): ClientError {
  return new ClientFailure(
    message,
    { code, status: 401, path: undefined, details: {} },
    undefined,
  ) as ClientError;
}

function serverErrorData(data: unknown): (Record<string, unknown> & { code: string }) | null {
  if (!isRecord(data) || typeof data.code !== 'string') return null;
  return data as Record<string, unknown> & { code: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
