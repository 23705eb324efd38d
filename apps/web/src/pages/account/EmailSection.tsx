import {
  changeEmailInput,
  confirmEmailChangeInput,
  type ChangeEmailInput,
  type ProfileOutput,
} from '@otp-auth/validators';
import { useState } from 'react';
import { focusCodeInput, wrongCodeMessage } from '../../api/code-errors';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { CodeField } from '../../components/CodeField';
import { ResendCode } from '../../components/ResendCode';
import { SubmitButton } from '../../components/SubmitButton';
import { CurrentPasswordField, TextField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { markCodeSent, useCooldown } from '../../session/use-cooldown';
import { StepUpField } from '../two-factor/StepUpField';
import { AccountSection } from './AccountSection';

/** The server's cooldown is per account, and so is this countdown. */
const EMAIL_CHANGE_COOLDOWN = 'email-change';

/** Two steps: the new address and the password, then the code mailed to the new address. The
 * account keeps its address until the code is entered. */
export function EmailSection({ profile }: { profile: ProfileOutput }) {
  const [pending, setPending] = useState<ChangeEmailInput | null>(null);
  const [done, setDone] = useState('');

  return (
    <AccountSection id="email" title="Email address">
      <p className="intro">
        Signed in as <strong>{profile.email}</strong>. A new address takes effect once you enter the
        code we mail to it.
      </p>
      {pending ? (
        <ConfirmStep
          request={pending}
          onDone={(email) => {
            setPending(null);
            setDone(`Your address is now ${email}. We told your old address.`);
          }}
          onCancel={() => setPending(null)}
        />
      ) : (
        <RequestStep
          onSent={(request) => {
            setDone('');
            setPending(request);
          }}
        />
      )}
      {done && <Notice>{done}</Notice>}
    </AccountSection>
  );
}

function RequestStep({ onSent }: { onSent: (request: ChangeEmailInput) => void }) {
  const change = trpc.account.changeEmail.useMutation({
    onSuccess: (_answer, request) => {
      markCodeSent(EMAIL_CHANGE_COOLDOWN);
      onSent(request);
    },
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(changeEmailInput, (data) => change.mutate(data));
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <TextField
        name="new_email"
        label="New email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        errors={form.fields.new_email}
      />
      <CurrentPasswordField id="email-change-password" errors={form.fields.password} />
      <StepUpField idPrefix="email-change" errors={form.fields} />
      <FormAlert message={form.formError} />
      <SubmitButton pending={change.isPending} pendingLabel="Sending code…">
        Send code to new address
      </SubmitButton>
    </form>
  );
}

function ConfirmStep({
  request,
  onDone,
  onCancel,
}: {
  request: ChangeEmailInput;
  onDone: (email: string) => void;
  onCancel: () => void;
}) {
  const utils = trpc.useUtils();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const cooldown = useCooldown(EMAIL_CHANGE_COOLDOWN);
  const confirm = trpc.account.confirmEmailChange.useMutation({
    onSuccess: (profile) => {
      utils.account.profile.setData(undefined, profile);
      void utils.account.sessions.invalidate();
      onDone(profile.email);
    },
    onError: (error) => {
      setCodeError(wrongCodeMessage(error));
      setCode('');
      focusCodeInput();
    },
  });
  const resend = trpc.account.changeEmail.useMutation({
    onSuccess: () => {
      cooldown.start();
      setCodeError('');
    },
    onError: (error) => setCodeError(messageOf(error)),
  });

  function submit(otp = code) {
    if (confirm.isPending) return;
    const result = confirmEmailChangeInput.safeParse({ otp });
    if (!result.success) {
      setCodeError(result.error.issues.map((issue) => issue.message).join(' '));
      focusCodeInput();
      return;
    }
    confirm.mutate(result.data);
  }

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <CodeField
          id="email-code"
          label={<>Code sent to {request.new_email}</>}
          value={code}
          onChange={setCode}
          onComplete={(full) => submit(full)}
          error={codeError}
        />
        <SubmitButton pending={confirm.isPending} pendingLabel="Checking…">
          Change my address
        </SubmitButton>
      </form>
      <ResendCode
        secondsLeft={cooldown.secondsLeft}
        pending={resend.isPending}
        onResend={() => resend.mutate(request)}
      />
      <p className="aside">
        <button type="button" className="button link" onClick={onCancel}>
          Use another address
        </button>
      </p>
    </>
  );
}
