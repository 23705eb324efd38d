import { fieldError } from './errors';

/** Rules beyond length (checked by the shared schema): a password must not be the account's
 * own email or username. */
export function assertPasswordAllowed(
  password: string,
  account: { email: string; username: string },
): void {
  const lowered = password.toLowerCase();
  if (lowered === account.email.toLowerCase() || lowered === account.username.toLowerCase()) {
    throw fieldError(
      'password',
      'The password is too similar to the email or username.',
      'password_rejected',
    );
  }
}
