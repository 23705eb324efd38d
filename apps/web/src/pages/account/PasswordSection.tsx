import { changePasswordInput } from '@otp-auth/validators';
import { useState } from 'react';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField, NewPasswordFields } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { useSessionStore } from '../../session/session-context';
import { StepUpField } from '../two-factor/StepUpField';
import { AccountSection } from './AccountSection';

/** A new password ends every other session; this one goes on with the fresh token it answers.
 * With two-factor on, it also takes a code (step-up). */
export function PasswordSection() {
  const session = useSessionStore();
  const utils = trpc.useUtils();
  const [changed, setChanged] = useState('');
  const change = trpc.browser.changePassword.useMutation({
    onSuccess: ({ access }) => {
      session.signIn(access);
      form.formRef.current?.reset();
      setChanged('Password changed. Your other sessions were signed out.');
      void utils.account.sessions.invalidate();
    },
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(changePasswordInput, (data) => {
    setChanged('');
    change.mutate(data);
  });

  return (
    <AccountSection id="password" title="Password">
      <p className="intro">Other devices signed in to your account will be signed out.</p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <CurrentPasswordField name="old_password" errors={form.fields.old_password} />
        <NewPasswordFields hint="At least 8 characters." errors={form.fields} />
        <StepUpField idPrefix="password-change" errors={form.fields} />
        <FormAlert message={form.formError} />
        <SubmitButton pending={change.isPending} pendingLabel="Changing password…">
          Change password
        </SubmitButton>
      </form>
      {changed && <Notice>{changed}</Notice>}
    </AccountSection>
  );
}
