import { isClientError } from '@otp-auth/client';

/** What the user reads when a command fails: the service's message, then what to do. */
export function describeFailure(error: unknown): string[] {
  if (!isClientError(error))
    return [`error: ${error instanceof Error ? error.message : String(error)}`];
  const lines = [`error: ${error.message}`];
  switch (error.code) {
    case 'invalid_input':
    case 'username_taken':
    case 'password_rejected':
      for (const [field, messages] of Object.entries(error.fields)) {
        lines.push(`  ${field}: ${messages.join(' ')}`);
      }
      break;
    case 'otp_invalid':
    case 'otp_attempts_exceeded':
      if (error.path === 'twoFactor.login') {
        if (error.attemptsLeft === 0) lines.push('hint: run `otp-auth login` again');
      } else if (error.attemptsLeft === 0) {
        lines.push('hint: run `otp-auth resend` for a new code');
      }
      break;
    case 'rate_limited':
    case 'second_factor_locked':
      if (error.retryAfter !== undefined) lines.push(`hint: try again in ${error.retryAfter} s`);
      break;
    case 'second_factor_required':
      lines.push(
        'hint: two-factor sign-in is on: add --code <code from your app> or --recovery-code <code>',
      );
      break;
    case 'account_not_verified':
      lines.push('hint: run `otp-auth verify` with the code from the mail');
      break;
    case 'not_authenticated':
    case 'token_not_valid':
    case 'mfa_token_invalid':
      lines.push('hint: run `otp-auth login`');
      break;
    case 'network_error':
      lines.push('hint: is the service running? (--url or OTP_AUTH_URL)');
      break;
    default:
      break;
  }
  return lines;
}
