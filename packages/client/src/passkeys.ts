// Passkey ceremonies for browser apps: the service's options, the browser's dialog
// (@simplewebauthn/browser, a peer dependency to install alongside), the service's verdict.
// Apart from the main entry, so that apps without passkeys load none of it.
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { AuthClient } from './client.js';
import type { RouterInputs, RouterOutputs } from './types.js';

type Proof = RouterInputs['passkeys']['registrationOptions'];

export { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill } from '@simplewebauthn/browser';

/** Adds a passkey to the signed-in account: proof of who you are, then the device's dialog. */
export async function addPasskey(
  auth: AuthClient,
  proof: Proof,
  options: { name?: string } = {},
): Promise<RouterOutputs['passkeys']['register']> {
  const optionsJSON = await auth.passkeys.registrationOptions(proof);
  const response = await startRegistration({ optionsJSON });
  return auth.passkeys.register({ response, ...options });
}

/** Signs in with a passkey, no email needed; with `autofill`, through the browser's autofill
 * on an input with `autocomplete="username webauthn"` (it waits until one is chosen). Keeps the
 * token pair. */
export async function signInWithPasskey(
  auth: AuthClient,
  options: { autofill?: boolean } = {},
): Promise<RouterOutputs['passkeys']['signIn']> {
  const optionsJSON = await auth.passkeys.signInOptions();
  const response = await startAuthentication({
    optionsJSON,
    useBrowserAutofill: options.autofill ?? false,
  });
  return auth.passkeys.signIn({ response });
}

/** Finishes a sign-in's second step with a passkey instead of a code. */
export async function passkeySecondStep(
  auth: AuthClient,
  mfaToken: string,
): Promise<RouterOutputs['twoFactor']['login']> {
  const optionsJSON = await auth.passkeys.secondStepOptions({ mfa_token: mfaToken });
  const passkey = await startAuthentication({ optionsJSON });
  return auth.loginSecondStep({ mfa_token: mfaToken, passkey });
}
