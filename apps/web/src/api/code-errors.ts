import { attemptsLeftOf, errorCodeOf, messageOf } from './errors';

/** What to tell a person whose code was refused, with the attempts it still allows. */
export function wrongCodeMessage(error: unknown): string {
  const code = errorCodeOf(error);
  if (code === 'otp_invalid') {
    const left = attemptsLeftOf(error);
    if (left === undefined) return 'That code is not right.';
    if (left === 0) return 'That code is not right, and no attempts are left. Send a new code.';
    return `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`;
  }
  if (code === 'otp_expired') return 'This code has expired. Send a new code.';
  if (code === 'otp_attempts_exceeded') return 'Too many wrong codes. Send a new code.';
  return messageOf(error);
}

/** Puts the cursor back in the first box of the code. */
export function focusCodeInput() {
  document.querySelector<HTMLInputElement>('.code-input input')?.focus();
}
