import { registerInput } from '@otp-auth/validators';
import { trpc } from '../api/trpc';
import { FormAlert } from '../components/Alerts';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { EmailField, TextField } from '../components/TextField';
import { useForm } from '../forms/use-form';
import { Link, navigate } from '../router/router';
import { markCodeSent } from '../session/use-cooldown';

export function RegisterPage() {
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ email }) => {
      markCodeSent(email);
      navigate(`/verify?email=${encodeURIComponent(email)}`);
    },
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(registerInput, (data) => register.mutate(data));

  return (
    <Page title="Create your account" intro="We will email you a code to confirm the address.">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <EmailField required errors={form.fields.email} />
        <TextField
          name="username"
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint="Letters and digits in any script, and @ . + - _ — up to 150 characters. Capitals do not make a different name."
          errors={form.fields.username}
        />
        <TextField
          name="phone_number"
          label="Phone number"
          type="tel"
          autoComplete="tel"
          required
          errors={form.fields.phone_number}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          errors={form.fields.password}
        />
        <FormAlert message={form.formError} />
        <SubmitButton pending={register.isPending} pendingLabel="Creating account…">
          Create account
        </SubmitButton>
      </form>
      <p className="aside">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </Page>
  );
}
