import { loginSecondStepInput } from '@otp-auth/validators';
import { useState } from 'react';
import { wrongCodeMessage } from '../../api/code-errors';
import { errorCodeOf, messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { CodeInput } from '../../components/CodeInput';
import { Page } from '../../components/Page';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { navigate, Redirect, useLocation } from '../../router/router';
import { useSessionStore } from '../../session/session-context';
import { safeNext } from '../LoginPage';
import { ceremonyMessage, isCeremonyError, usePasskey } from '../passkeys/ceremony';
import { pendingSignIn } from './pending-sign-in';

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function SecondStepPage() {
  const { query } = useLocation();
  const session = useSessionStore();
  // Read once: clearing it after success must not bounce this page back to /login.
  const [pending] = useState(() => {
    pendingSignIn.adoptFromUrl();
    return pendingSignIn.get();
  });
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState('');

  const finish = trpc.browser.loginSecondStep.useMutation({
    onSuccess: ({ access }) => {
      pendingSignIn.clear();
      session.signIn(access);
      navigate(safeNext(query.get('next')), { replace: true });
    },
    onError: (failure) => {
      const code = errorCodeOf(failure);
      if (code === 'mfa_token_invalid' || code === 'otp_attempts_exceeded') {
        pendingSignIn.clear();
        navigate(`/login?email=${encodeURIComponent(pending?.email ?? '')}`, {
          notice: 'That sign-in has expired or had too many wrong codes. Sign in again.',
          replace: true,
        });
        return;
      }
      setError(wrongCodeMessage(failure, 'Sign in again.'));
      setCode('');
      const retry = useRecovery ? '#field-recovery_code' : '.code-input input';
      document.querySelector<HTMLInputElement>(retry)?.focus();
    },
  });

  const passkeyOptions = trpc.passkeys.secondStepOptions.useMutation();

  if (!pending) return <Redirect to="/login" />;

  /** The passkey instead of a code: options for this sign-in's account, the browser's dialog,
   * then the same second step with `passkey`. */
  async function withPasskey(mfaToken: string) {
    setError('');
    try {
      const options = await passkeyOptions.mutateAsync({ mfa_token: mfaToken });
      finish.mutate({ mfa_token: mfaToken, passkey: await usePasskey(options) });
    } catch (failure) {
      setError(isCeremonyError(failure) ? ceremonyMessage(failure) : messageOf(failure));
    }
  }

  function submit(fullCode = code) {
    if (finish.isPending || !pending) return;
    const parsed = loginSecondStepInput.safeParse(
      useRecovery
        ? { mfa_token: pending.mfaToken, recovery_code: recoveryCode }
        : { mfa_token: pending.mfaToken, code: fullCode },
    );
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter the code.');
      return;
    }
    setError('');
    finish.mutate(parsed.data);
  }

  return (
    <Page
      title="Two-factor sign-in"
      intro={
        useRecovery
          ? 'Enter one of the recovery codes you saved. Each one works once.'
          : 'Enter the 6-digit code from your authenticator app.'
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        {useRecovery ? (
          <TextField
            name="recovery_code"
            label="Recovery code"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.target.value)}
            aria-describedby={error ? 'second-step-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
        ) : (
          <div className="field">
            <span className="label" id="second-step-label">
              Code from your app
            </span>
            <CodeInput
              value={code}
              onChange={setCode}
              onComplete={(full) => submit(full)}
              labelledBy="second-step-label"
              describedBy={error ? 'second-step-error' : undefined}
              invalid={Boolean(error)}
            />
          </div>
        )}
        <div id="second-step-error">
          <FormAlert message={error} />
        </div>
        <SubmitButton pending={finish.isPending} pendingLabel="Checking…">
          Sign in
        </SubmitButton>
      </form>
      <p className="aside">
        <button
          type="button"
          className="button link"
          onClick={() => {
            setUseRecovery((value) => !value);
            setError('');
          }}
        >
          {useRecovery ? 'Use the code from your app instead' : 'Use a recovery code instead'}
        </button>
      </p>
      <p className="aside">
        <button
          type="button"
          className="button"
          disabled={passkeyOptions.isPending || finish.isPending}
          onClick={() => void withPasskey(pending.mfaToken)}
        >
          Use a passkey instead
        </button>
      </p>
    </Page>
  );
}
