import { attemptsLeftOf, errorCodeOf, messageOf } from '../../api/errors';

/** A sentence for a refused second factor. */
export function secondFactorMessage(error: unknown): string {
  const code = errorCodeOf(error);
  if (code === 'otp_invalid') {
    const left = attemptsLeftOf(error);
    if (left === undefined) return 'That code is not right.';
    if (left === 0) return 'That code is not right, and no attempts are left. Sign in again.';
    return `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`;
  }
  return messageOf(error);
}
