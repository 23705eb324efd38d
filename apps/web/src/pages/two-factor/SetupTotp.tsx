import { totpConfirmInput, type TotpSetupOutput } from '@otp-auth/validators';
import { useState } from 'react';
import { wrongCodeMessage } from '../../api/code-errors';
import { trpc } from '../../api/trpc';
import { CodeField } from '../../components/CodeField';
import { SubmitButton } from '../../components/SubmitButton';
import { PasswordForm } from './PasswordForm';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';

/** Setup in three steps: password → scan (or type) the secret and confirm a code → recovery
 * codes shown once. */
export function SetupTotp({ onDone }: { onDone: () => void }) {
  const [setup, setSetup] = useState<TotpSetupOutput | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const start = trpc.twoFactor.setupTotp.useMutation({ onSuccess: setSetup });
  const confirm = trpc.twoFactor.confirmTotp.useMutation({
    onSuccess: (result) => setCodes(result.recovery_codes),
    onError: (error) => {
      setCodeError(wrongCodeMessage(error));
      setCode('');
      document.querySelector<HTMLInputElement>('#totp-code-field input')?.focus();
    },
  });

  function submit(value = code) {
    if (confirm.isPending) return;
    const parsed = totpConfirmInput.safeParse({ code: value });
    if (!parsed.success) {
      setCodeError(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    setCodeError('');
    confirm.mutate(parsed.data);
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (!setup) {
    return (
      <>
        <p>
          Sign in with a code from an authenticator app (Google Authenticator, 1Password, Authy,
          Bitwarden…) as well as your password.
        </p>
        <PasswordForm
          id="two-factor-setup-password"
          submitLabel="Set up two-factor"
          pendingLabel="Starting…"
          onConfirm={({ password }) => start.mutateAsync({ password })}
        />
      </>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <p>Scan this code with your authenticator app:</p>
      <QrCode value={setup.otpauth_url} />
      <p>
        Or enter this key by hand: <code className="secret">{setup.secret}</code>
      </p>
      <CodeField
        id="totp-code"
        label="Code from the app"
        value={code}
        onChange={setCode}
        onComplete={(full) => submit(full)}
        error={codeError}
      />
      <SubmitButton pending={confirm.isPending} pendingLabel="Checking…">
        Turn on two-factor
      </SubmitButton>
    </form>
  );
}
