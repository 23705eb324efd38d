import { emailField, verifyOtpInput } from '@otp-auth/validators';
import { useState } from 'react';
import { focusCodeInput, wrongCodeMessage } from '../api/code-errors';
import { messageOf } from '../api/errors';
import { trpc } from '../api/trpc';
import { Notice } from '../components/Alerts';
import { CodeField } from '../components/CodeField';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { ResendCode } from '../components/ResendCode';
import { EmailField } from '../components/TextField';
import { Link, navigate, useLocation } from '../router/router';
import { useCooldown } from '../session/use-cooldown';

export function VerifyPage() {
  const { query, notice } = useLocation();
  const [email, setEmail] = useState(() => query.get('email') ?? '');
  const [emailError, setEmailError] = useState<string[] | undefined>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [sentNotice, setSentNotice] = useState('');
  const cooldown = useCooldown(email);

  const verify = trpc.auth.verifyOtp.useMutation({
    onSuccess: () =>
      navigate(`/login?email=${encodeURIComponent(email)}`, {
        notice: 'Your email is verified. Sign in to continue.',
      }),
    onError: (error) => {
      setCodeError(wrongCodeMessage(error));
      setCode('');
      focusCodeInput();
    },
  });
  const resend = trpc.auth.resendOtp.useMutation({
    onSuccess: () => {
      cooldown.start();
      setCode('');
      setCodeError('');
      setSentNotice(`If ${email} is waiting for a code, a new one is on its way.`);
    },
    onError: (error) => setCodeError(messageOf(error)),
  });

  function checkEmail(): boolean {
    const result = emailField.safeParse(email);
    setEmailError(result.success ? undefined : result.error.issues.map((issue) => issue.message));
    if (!result.success) document.getElementById('field-email')?.focus();
    return result.success;
  }

  function submit(otp = code) {
    if (verify.isPending || !checkEmail()) return;
    const result = verifyOtpInput.safeParse({ email, otp });
    if (!result.success) {
      setCodeError(result.error.issues.map((issue) => issue.message).join(' '));
      focusCodeInput();
      return;
    }
    setCodeError('');
    verify.mutate(result.data);
  }

  const knownEmail = query.get('email');
  return (
    <Page
      title="Enter your code"
      notice={notice}
      intro={
        knownEmail ? (
          <>
            We emailed a 6-digit code to <strong>{knownEmail}</strong>. It is valid for 10 minutes.
          </>
        ) : (
          'Enter your email and the 6-digit code we sent to it.'
        )
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        {!knownEmail && (
          <EmailField
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={emailError}
          />
        )}
        <CodeField
          id="code"
          label="Verification code"
          value={code}
          onChange={setCode}
          onComplete={(full) => submit(full)}
          error={codeError}
        />
        <SubmitButton pending={verify.isPending} pendingLabel="Checking…">
          Verify email
        </SubmitButton>
      </form>
      {sentNotice && <Notice>{sentNotice}</Notice>}
      <ResendCode
        secondsLeft={cooldown.secondsLeft}
        pending={resend.isPending}
        onResend={() => checkEmail() && resend.mutate({ email })}
      />
      <p className="aside">
        Wrong address? <Link to="/register">Start again</Link>
      </p>
    </Page>
  );
}
