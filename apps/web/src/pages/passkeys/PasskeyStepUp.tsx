import { useRef, useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { ceremonyMessage, isCeremonyError, usePasskey } from './ceremony';

/** Step-up with a passkey instead of a code (ADR 130): the device's dialog, its answer put in
 * the form (a JSON field, so the code field is left out), and the form sent. Offered when the
 * account has a passkey. */
export function PasskeyStepUp({ errors }: { errors: string[] | undefined }) {
  const passkeys = trpc.passkeys.list.useQuery();
  const options = trpc.passkeys.stepUpOptions.useMutation();
  const field = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  if (!passkeys.data?.passkeys.length) return null;

  async function confirm() {
    const input = field.current;
    const form = input?.form;
    if (!input || !form) return;
    setError('');
    try {
      const answer = await usePasskey(await options.mutateAsync());
      input.value = JSON.stringify(answer);
      // Exactly one factor: a code field (disabled, so left out) does not go with it.
      const code = form.querySelector<HTMLInputElement>(
        'input[name="code"], input[name="recovery_code"]',
      );
      if (code) code.disabled = true;
      form.requestSubmit();
      if (code) code.disabled = false;
      input.value = '';
    } catch (failure) {
      setError(isCeremonyError(failure) ? ceremonyMessage(failure) : messageOf(failure));
    }
  }

  return (
    <div className="field">
      <input ref={field} type="hidden" name="passkey" data-json="" />
      <button type="button" className="button" onClick={() => void confirm()}>
        Confirm with a passkey instead
      </button>
      <FormAlert message={error || (errors?.join(' ') ?? '')} />
    </div>
  );
}
