import { emailField, resetPasswordInput, type FieldErrors } from '@otp-auth/validators';
import { useState } from 'react';
import { focusCodeInput, wrongCodeMessage } from '../api/code-errors';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../api/errors';
import { trpc } from '../api/trpc';
import { Notice } from '../components/Alerts';
import { CodeField } from '../components/CodeField';
import { Page } from '../components/Page';
import { ResendCode } from '../components/ResendCode';
import { SubmitButton } from '../components/SubmitButton';
import { EmailField, NewPasswordFields } from '../components/TextField';
import { Link, navigate, useLocation } from '../router/router';
import { useCooldown } from '../session/use-cooldown';

/** The code from the mail and a new password, in the look of the verify page. */
export function ResetPasswordPage() {
  const { query } = useLocation();
  const knownEmail = query.get('email');
  const [email, setEmail] = useState(() => knownEmail ?? '');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [sentNotice, setSentNotice] = useState('');
  const cooldown = useCooldown(`reset:${email}`);

  const reset = trpc.auth.resetPassword.useMutation({
    onSuccess: () =>
      navigate(`/login?email=${encodeURIComponent(email)}`, {
        notice: 'Your password was reset and every session signed out. Sign in with the new one.',
      }),
    onError: (error) => {
      if (errorCodeOf(error)?.startsWith('otp_')) {
        setCodeError(wrongCodeMessage(error));
        setCode('');
        focusCodeInput();
        return;
      }
      const serverFields = fieldErrorsOf(error);
      setFields(serverFields);
      if (Object.keys(serverFields).length === 0) setCodeError(messageOf(error));
    },
  });
  const resend = trpc.auth.forgotPassword.useMutation({
    onSuccess: () => {
      cooldown.start();
      setCode('');
      setCodeError('');
      setSentNotice(`If ${email} has an account, a new code is on its way.`);
    },
    onError: (error) => setCodeError(messageOf(error)),
  });

  function submit(form: HTMLFormElement) {
    if (reset.isPending) return;
    const data = new FormData(form);
    const result = resetPasswordInput.safeParse({
      email,
      otp: code,
      new_password: data.get('new_password'),
      confirm_password: data.get('confirm_password'),
    });
    if (!result.success) {
      const errors: FieldErrors = {};
      for (const issue of result.error.issues) errors[issue.path.join('.')] ??= [issue.message];
      const { otp, ...rest } = errors;
      setFields(rest);
      setCodeError(otp?.join(' ') ?? '');
      const first = otp ? '.code-input input' : `#field-${Object.keys(rest)[0] ?? 'email'}`;
      document.querySelector<HTMLInputElement>(first)?.focus();
      return;
    }
    setFields({});
    setCodeError('');
    reset.mutate(result.data);
  }

  return (
    <Page
      title="Set a new password"
      intro={
        knownEmail ? (
          <>
            If <strong>{knownEmail}</strong> has an account, we emailed it a 6-digit code. It is
            valid for 10 minutes.
          </>
        ) : (
          'Enter your email, the 6-digit code we sent to it, and a new password.'
        )
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget);
        }}
        noValidate
      >
        {!knownEmail && (
          <EmailField
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={fields.email}
          />
        )}
        <CodeField
          id="code"
          label="Reset code"
          value={code}
          onChange={setCode}
          onComplete={() => document.getElementById('field-new_password')?.focus()}
          error={codeError}
        />
        <NewPasswordFields
          hint="At least 8 characters. Every device signed in to your account will be signed out."
          errors={fields}
        />
        <SubmitButton pending={reset.isPending} pendingLabel="Setting password…">
          Set new password
        </SubmitButton>
      </form>
      {sentNotice && <Notice>{sentNotice}</Notice>}
      <ResendCode
        secondsLeft={cooldown.secondsLeft}
        pending={resend.isPending}
        onResend={() => emailField.safeParse(email).success && resend.mutate({ email })}
      />
      <p className="aside">
        <Link to="/login">Back to sign in</Link>
      </p>
    </Page>
  );
}
