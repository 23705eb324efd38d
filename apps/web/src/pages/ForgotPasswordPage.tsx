import { forgotPasswordInput } from '@otp-auth/validators';
import { trpc } from '../api/trpc';
import { FormAlert } from '../components/Alerts';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { EmailField } from '../components/TextField';
import { useForm } from '../forms/use-form';
import { Link, navigate, useLocation } from '../router/router';
import { markCodeSent } from '../session/use-cooldown';

/** Asks for a reset code. The server answers alike for every address, and so does this page. */
export function ForgotPasswordPage() {
  const { query } = useLocation();
  const forgot = trpc.auth.forgotPassword.useMutation({
    onSuccess: (_answer, { email }) => {
      markCodeSent(`reset:${email}`);
      navigate(`/reset?email=${encodeURIComponent(email)}`);
    },
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(forgotPasswordInput, (data) => forgot.mutate(data));

  return (
    <Page
      title="Forgot your password?"
      intro="Enter the email of your account. If it has one, we will mail it a 6-digit code to set a new password."
    >
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <EmailField defaultValue={query.get('email') ?? ''} required errors={form.fields.email} />
        <FormAlert message={form.formError} />
        <SubmitButton pending={forgot.isPending} pendingLabel="Sending…">
          Send me a code
        </SubmitButton>
      </form>
      <p className="aside">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </Page>
  );
}
