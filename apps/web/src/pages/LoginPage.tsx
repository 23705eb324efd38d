import { loginInput } from '@otp-auth/validators';
import { errorCodeOf } from '../api/errors';
import { trpc } from '../api/trpc';
import { FormAlert } from '../components/Alerts';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { EmailField, TextField } from '../components/TextField';
import { useForm } from '../forms/use-form';
import { Link, navigate, useLocation } from '../router/router';
import { useSessionStore } from '../session/session-context';
import { externalErrorMessage } from './external-sign-in/external-errors';
import { ProviderButtons } from './external-sign-in/ProviderButtons';
import { PasskeySignIn } from './passkeys/PasskeySignIn';
import { pendingSignIn } from './two-factor/pending-sign-in';

/** Only same-app paths are followed after sign-in (no open redirect). */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/account';

export function LoginPage() {
  const { query, notice } = useLocation();
  const session = useSessionStore();
  const next = safeNext(query.get('next'));
  const login = trpc.browser.login.useMutation({
    onSuccess: (result, { email }) => {
      if ('mfa_required' in result) {
        pendingSignIn.set(result.mfa_token, email);
        navigate(`/login/2fa?next=${encodeURIComponent(next)}`);
        return;
      }
      session.signIn(result.access);
      navigate(next, { replace: true });
    },
    onError: (error, { email }) => {
      if (errorCodeOf(error) === 'account_not_verified') {
        navigate(`/verify?email=${encodeURIComponent(email)}`, {
          notice:
            'Your account is not verified yet. Enter the code we emailed you, or send a new one.',
        });
        return;
      }
      form.showServerError(error);
    },
  });
  const form = useForm(loginInput, (data) => login.mutate(data));

  return (
    <Page title="Sign in" notice={notice}>
      <FormAlert message={externalErrorMessage(query.get('external_error'))} />
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <EmailField
          defaultValue={query.get('email') ?? ''}
          // `webauthn`: the browser offers this site's passkeys in the field's autofill.
          autoComplete="username webauthn"
          required
          errors={form.fields.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          errors={form.fields.password}
        />
        <FormAlert message={form.formError} />
        <SubmitButton pending={login.isPending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <PasskeySignIn
        onSignedIn={(access) => {
          session.signIn(access);
          navigate(next, { replace: true });
        }}
      />
      <ProviderButtons returnTo={next} />
      <p className="aside">
        <Link to="/forgot">Forgot password?</Link>
      </p>
      <p className="aside">
        New here? <Link to="/register">Create an account</Link>
      </p>
    </Page>
  );
}
