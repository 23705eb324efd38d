import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  ceremonyMessage,
  isCeremonyError,
  usePasskey,
} from './ceremony';

/** Sign-in with a passkey, no email typed: offered in the email field's autofill as soon as
 * the page opens (where the browser can), and by a button. Either way the answer is a session,
 * with no second step. */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (access: string) => void }) {
  const options = trpc.passkeys.signInOptions.useMutation();
  const signIn = trpc.browser.passkeySignIn.useMutation();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const supported = browserSupportsWebAuthn();
  const done = useRef(onSignedIn);
  done.current = onSignedIn;

  async function ceremony(autofill: boolean) {
    const optionsJSON = await options.mutateAsync();
    const response = await usePasskey(optionsJSON, autofill);
    const { access } = await signIn.mutateAsync({ response });
    done.current(access);
  }

  const explain = (failure: unknown) =>
    isCeremonyError(failure) ? ceremonyMessage(failure) : messageOf(failure);

  // Autofill: armed while the page is open; re-armed after a refusal or an expired challenge.
  const [armed, setArmed] = useState(0);
  useEffect(() => {
    let live = true;
    void browserSupportsWebAuthnAutofill().then((ok) => {
      if (!ok || !live) return;
      ceremony(true).catch((failure: unknown) => {
        if (!live) return;
        const message = explain(failure);
        if (message) setError(message);
        // An aborted ceremony was replaced by the button's; any other failure re-arms.
        if (!(isCeremonyError(failure) && ceremonyMessage(failure) === '')) {
          setArmed((n) => n + 1);
        }
      });
    });
    return () => {
      live = false;
    };
  }, [armed]);

  if (!supported) return null;
  return (
    <div className="passkey-sign-in">
      <FormAlert message={error} />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError('');
          ceremony(false)
            .catch((failure: unknown) => {
              setError(explain(failure));
              setArmed((n) => n + 1);
            })
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Waiting for your passkey…' : 'Sign in with a passkey'}
      </button>
    </div>
  );
}
