import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import type { AuthenticationOptionsOutput, RegistrationOptionsOutput } from '@otp-auth/validators';

export { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill };

/** The browser's passkey dialogs. Each returns the JSON the server verifies. */
export const createPasskey = (options: RegistrationOptionsOutput) =>
  startRegistration({ optionsJSON: options });

export const usePasskey = (options: AuthenticationOptionsOutput, autofill = false) =>
  startAuthentication({ optionsJSON: options, useBrowserAutofill: autofill });

/** Why the browser's own part of a ceremony ended without a passkey, in words; the person
 * closing the dialog says nothing worth showing. */
export function ceremonyMessage(error: unknown): string {
  const name =
    error instanceof WebAuthnError
      ? (error.cause as Error | undefined)?.name
      : error instanceof Error
        ? error.name
        : undefined;
  if (
    error instanceof WebAuthnError &&
    error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
  ) {
    return 'This device already holds a passkey for your account.';
  }
  if (name === 'AbortError') return '';
  if (name === 'NotAllowedError') {
    return 'No passkey was used: the request was cancelled, timed out, or your device could not verify you.';
  }
  if (name === 'SecurityError') return 'Passkeys are not allowed on this address.';
  return 'Your browser could not use a passkey here.';
}

/** True for an error thrown by the browser's ceremony (as opposed to the server's answer). */
export function isCeremonyError(error: unknown): boolean {
  return error instanceof WebAuthnError || error instanceof DOMException;
}
