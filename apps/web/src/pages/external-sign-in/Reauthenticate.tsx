import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField, TextField } from '../../components/TextField';

export interface Proof {
  password?: string;
  code?: string;
}

/** Proof that it is you before a change to how you sign in: your password; without one, a
 * code from your authenticator app; without either, your recent sign-in is enough. */
export function Reauthenticate({
  hasPassword,
  submitLabel,
  onProof,
}: {
  hasPassword: boolean;
  submitLabel: string;
  onProof: (proof: Proof) => Promise<unknown>;
}) {
  const twoFactor = trpc.twoFactor.status.useQuery(undefined, { enabled: !hasPassword });
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ field: string; form: string }>({ field: '', form: '' });
  const asks = hasPassword ? 'password' : twoFactor.data?.enabled ? 'code' : null;

  function submit() {
    setPending(true);
    setError({ field: '', form: '' });
    const proof =
      asks === 'password' ? { password: value } : asks === 'code' ? { code: value } : {};
    onProof(proof)
      .catch((failure: unknown) => {
        const fields = fieldErrorsOf(failure);
        const onField = asks ? fields[asks]?.join(' ') : undefined;
        setError(onField ? { field: onField, form: '' } : { field: '', form: messageOf(failure) });
      })
      .finally(() => setPending(false));
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      {asks === 'password' && (
        <CurrentPasswordField
          id="reauth-password"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errors={error.field ? [error.field] : undefined}
        />
      )}
      {asks === 'code' && (
        <TextField
          id="reauth-code"
          name="code"
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errors={error.field ? [error.field] : undefined}
        />
      )}
      <FormAlert message={error.form} />
      <SubmitButton pending={pending} pendingLabel="Checking…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
