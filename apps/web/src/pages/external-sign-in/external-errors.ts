import type { ErrorCode } from '@otp-auth/validators';

/** What the app says when a sign-in or link at a provider comes back refused: the server puts
 * only a stable code in the address (`?external_error=`), never the provider's own words. */
const messages: Partial<Record<ErrorCode, string>> = {
  oidc_provider_unknown: 'That sign-in provider is not available here.',
  oidc_return_invalid: 'That sign-in link pointed outside this app, so we stopped it.',
  oidc_state_invalid:
    'That sign-in expired, was already used, or was started in another browser. Please try again.',
  oidc_cancelled: 'You cancelled at the provider. Nothing was changed.',
  oidc_provider_error: 'The provider could not complete the sign-in. Please try again in a moment.',
  oidc_token_invalid:
    'The provider’s answer failed our security checks, so we did not sign you in. Please try again.',
  oidc_email_unverified:
    'The provider has not verified your email address. Verify it there, or sign in with your password.',
  oidc_email_missing: 'The provider did not share an email address, which we need for an account.',
  oidc_account_exists:
    'An account with this email already exists. Sign in with your password, then link the provider from your account page.',
  oidc_identity_taken: 'That provider account already signs in to another account here.',
  oidc_already_linked: 'That provider is already linked to your account.',
  oidc_sign_in_refused: 'This account cannot sign in.',
  rate_limited: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  service_unavailable: 'The service is briefly unavailable. Please try again shortly.',
};

/** The sentence for a refusal code from the address; a generic one for anything unknown, with
 * the code for support. */
export function externalErrorMessage(code: string | null): string {
  if (!code) return '';
  const known = messages[code as ErrorCode];
  if (known) return known;
  // The code is shown (for support) only when it looks like one of ours.
  const shown = /^[a-z_]{1,40}$/.test(code) ? ` (${code})` : '';
  return `Signing in with the provider did not work${shown}. Please try again.`;
}
