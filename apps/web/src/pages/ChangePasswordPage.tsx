import { changePasswordInput } from '@otp-auth/validators';
import { trpc } from '../api/trpc';
import { FormAlert } from '../components/Alerts';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { CurrentPasswordField, TextField } from '../components/TextField';
import { useForm } from '../forms/use-form';
import { Link, navigate } from '../router/router';
import { useSessionStore } from '../session/session-context';

export function ChangePasswordPage() {
  const session = useSessionStore();
  const change = trpc.browser.changePassword.useMutation({
    onSuccess: ({ access }) => {
      session.signIn(access);
      navigate('/profile', { notice: 'Password changed. Your other sessions were signed out.' });
    },
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(changePasswordInput, (data) => change.mutate(data));

  return (
    <Page
      title="Change password"
      intro="Other devices signed in to your account will be signed out."
    >
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <CurrentPasswordField name="old_password" errors={form.fields.old_password} />
        <TextField
          name="new_password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          errors={form.fields.new_password}
        />
        <TextField
          name="confirm_password"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          errors={form.fields.confirm_password}
        />
        <FormAlert message={form.formError} />
        <SubmitButton pending={change.isPending} pendingLabel="Changing password…">
          Change password
        </SubmitButton>
      </form>
      <p className="aside">
        <Link to="/profile">Back to your profile</Link>
      </p>
    </Page>
  );
}
