import { emailField, verifyOtpInput } from '@otp-auth/validators';
import { useState } from 'react';
import { attemptsLeftOf, errorCodeOf, messageOf } from '../api/errors';
import { trpc } from '../api/trpc';
import { FormAlert, Notice } from '../components/Alerts';
import { CodeInput } from '../components/CodeInput';
import { Page } from '../components/Page';
import { SubmitButton } from '../components/SubmitButton';
import { EmailField } from '../components/TextField';
import { Link, navigate, useLocation } from '../router/router';
import { formatCountdown, useCooldown } from '../session/use-cooldown';

function wrongCodeMessage(error: unknown): string {
  const code = errorCodeOf(error);
  if (code === 'otp_invalid') {
    const left = attemptsLeftOf(error);
    if (left === undefined) return 'That code is not right.';
    if (left === 0) return 'That code is not right, and no attempts are left. Send a new code.';
    return `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`;
  }
  if (code === 'otp_expired') return 'This code has expired. Send a new code.';
  if (code === 'otp_attempts_exceeded') return 'Too many wrong codes. Send a new code.';
  return messageOf(error);
}

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
      document.querySelector<HTMLInputElement>('.code-input input')?.focus();
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
      document.querySelector<HTMLInputElement>('.code-input input')?.focus();
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
        <div className="field">
          <span className="label" id="code-label">
            Verification code
          </span>
          <CodeInput
            value={code}
            onChange={setCode}
            onComplete={(full) => submit(full)}
            labelledBy="code-label"
            describedBy={codeError ? 'code-error' : undefined}
            invalid={Boolean(codeError)}
          />
        </div>
        <div id="code-error">
          <FormAlert message={codeError} />
        </div>
        <SubmitButton pending={verify.isPending} pendingLabel="Checking…">
          Verify email
        </SubmitButton>
      </form>
      {sentNotice && <Notice>{sentNotice}</Notice>}
      <div className="resend">
        <span>Didn’t get it? Check your spam folder, or</span>
        <button
          type="button"
          className="button link"
          disabled={cooldown.secondsLeft > 0 || resend.isPending}
          aria-busy={resend.isPending}
          onClick={() => checkEmail() && resend.mutate({ email })}
        >
          {cooldown.secondsLeft > 0
            ? `resend in ${formatCountdown(cooldown.secondsLeft)}`
            : resend.isPending
              ? 'sending…'
              : 'send a new code'}
        </button>
      </div>
      <p className="aside">
        Wrong address? <Link to="/register">Start again</Link>
      </p>
    </Page>
  );
}
