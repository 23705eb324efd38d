import type { ErrorCode, FieldErrors } from '@otp-auth/validators';

/** The public part of a server error, as the server's error formatter puts it in `data`. */
interface ServerErrorData {
  code?: ErrorCode;
  fields?: FieldErrors;
  retryAfter?: number;
  details?: Record<string, number | string | boolean>;
}

function dataOf(error: unknown): ServerErrorData | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = error.data;
  return typeof data === 'object' && data !== null ? data : undefined;
}

export const errorCodeOf = (error: unknown): ErrorCode | undefined => dataOf(error)?.code;
export const fieldErrorsOf = (error: unknown): FieldErrors => dataOf(error)?.fields ?? {};

export function attemptsLeftOf(error: unknown): number | undefined {
  const left = dataOf(error)?.details?.attempts_left;
  return typeof left === 'number' ? left : undefined;
}

/** A sentence for the person, never a stack or an internal code. */
export function messageOf(error: unknown): string {
  if (error === null || error === undefined) return '';
  const data = dataOf(error);
  if (data?.code === 'rate_limited') {
    const wait = data.retryAfter;
    return wait
      ? `Too many attempts. Try again in ${formatWait(wait)}.`
      : 'Too many attempts. Try again later.';
  }
  if (data?.code === 'second_factor_locked' && data.retryAfter) {
    return `Too many wrong codes: two-factor sign-in to this account is locked. Try again in ${formatWait(data.retryAfter)}.`;
  }
  if (!data) return 'Could not reach the server. Check your connection and try again.';
  if (data.code === 'internal_error') return 'Something went wrong on our side. Please try again.';
  const message = error instanceof Error ? error.message : '';
  return message || 'Something went wrong. Please try again.';
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
