import { passwordConfirmInput } from '@otp-auth/validators';
import { useState } from 'react';
import { FormAlert } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';

/** Asks for the current password before a two-factor change; the server's refusal shows by
 * the field. */
export function PasswordForm({
  id,
  submitLabel,
  pendingLabel,
  onPassword,
}: {
  /** The password input's id: the account page has other password fields. */
  id: string;
  submitLabel: string;
  pendingLabel: string;
  onPassword: (password: string) => Promise<unknown>;
}) {
  const [pending, setPending] = useState(false);
  const form = useForm(passwordConfirmInput, (data) => {
    setPending(true);
    onPassword(data.password)
      .catch((error: unknown) => form.showServerError(error))
      .finally(() => setPending(false));
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <CurrentPasswordField id={id} errors={form.fields.password} />
      <FormAlert message={form.formError} />
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
