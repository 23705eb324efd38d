import { attemptsLeftOf, errorCodeOf, messageOf } from './errors';

/** What to tell a person whose code was refused, with the attempts it still allows; `whenSpent`
 * says what to do once the code can no longer be used. */
export function wrongCodeMessage(error: unknown, whenSpent = 'Send a new code.'): string {
  const code = errorCodeOf(error);
  if (code === 'otp_invalid') {
    const left = attemptsLeftOf(error);
    if (left === undefined) return 'That code is not right.';
    if (left === 0) return `That code is not right, and no attempts are left. ${whenSpent}`;
    return `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`;
  }
  if (code === 'otp_expired') return `This code has expired. ${whenSpent}`;
  if (code === 'otp_attempts_exceeded') return `Too many wrong codes. ${whenSpent}`;
  return messageOf(error);
}

/** Puts the cursor back in the first box of the code. */
export function focusCodeInput() {
  document.querySelector<HTMLInputElement>('.code-input input')?.focus();
}
