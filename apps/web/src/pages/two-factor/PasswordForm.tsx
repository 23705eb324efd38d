import {
  regenerateRecoveryCodesInput,
  type RegenerateRecoveryCodesInput,
} from '@otp-auth/validators';
import { useState } from 'react';
import { FormAlert } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { StepUpField } from './StepUpField';

/** Asks for the current password before a two-factor change (and, with `stepUp`, a second
 * factor when two-factor is on); the server's refusal shows by the field. */
export function PasswordForm({
  id,
  submitLabel,
  pendingLabel,
  stepUp = false,
  onConfirm,
}: {
  /** The password input's id: the account page has other password fields. */
  id: string;
  submitLabel: string;
  pendingLabel: string;
  stepUp?: boolean;
  onConfirm: (proof: RegenerateRecoveryCodesInput) => Promise<unknown>;
}) {
  const [pending, setPending] = useState(false);
  const form = useForm(regenerateRecoveryCodesInput, (data) => {
    setPending(true);
    onConfirm(data)
      .catch((error: unknown) => form.showServerError(error))
      .finally(() => setPending(false));
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <CurrentPasswordField id={id} errors={form.fields.password} />
      {stepUp && <StepUpField idPrefix={`${id}-step-up`} errors={form.fields} />}
      <FormAlert message={form.formError} />
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
