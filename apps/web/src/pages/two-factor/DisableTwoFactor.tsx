import { totpDisableInput } from '@otp-auth/validators';
import { useState } from 'react';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { SecondFactorField } from './SecondFactorField';

/** Turning two-factor off takes the password and a code (or a recovery code). */
export function DisableTwoFactor({ onDone }: { onDone: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const disable = trpc.twoFactor.disable.useMutation({
    onSuccess: onDone,
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(totpDisableInput, (data) => disable.mutate(data));
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <CurrentPasswordField id="two-factor-disable-password" errors={form.fields.password} />
      <SecondFactorField
        idPrefix="two-factor-disable"
        useRecovery={useRecovery}
        onToggle={() => setUseRecovery((value) => !value)}
        errors={form.fields[useRecovery ? 'recovery_code' : 'code']}
      />
      <FormAlert message={form.formError} />
      <SubmitButton pending={disable.isPending} pendingLabel="Turning off…">
        Turn off two-factor
      </SubmitButton>
    </form>
  );
}
