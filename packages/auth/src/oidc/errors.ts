import type { ExternalSignInErrorCode } from '@otp-auth/validators';
import * as client from 'openid-client';
import { AuthError } from '../errors';

export const unknownProvider = () =>
  new AuthError('oidc_provider_unknown', 'This sign-in provider is not configured here.');

export const providerUnreachable = (name: string) =>
  new AuthError('oidc_provider_error', `${name} could not be reached. Try again in a moment.`);

/** The ID token's own checks (signature by a published key, issuer, audience, nonce, times). */
const tokenCheckCodes = new Set<string | undefined>([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
]);

/** What a failed exchange with the provider means for the person: they cancelled; the ID token
 * failed its checks (someone tampered with the sign-in); or the provider failed. */
export function providerFailureCode(error: unknown): ExternalSignInErrorCode {
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied' ? 'oidc_cancelled' : 'oidc_provider_error';
  }
  if (error instanceof client.ClientError) {
    if (tokenCheckCodes.has(error.code)) return 'oidc_token_invalid';
    const cause = error.cause instanceof Error ? error.cause.message : '';
    if (error.code === 'OAUTH_INVALID_RESPONSE' && /signature/i.test(cause)) {
      return 'oidc_token_invalid';
    }
  }
  return 'oidc_provider_error';
}
