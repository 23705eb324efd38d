import { passkeyNameField } from '@otp-auth/validators';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { AccountSection } from '../account/AccountSection';
import { Reauthenticate, type Proof } from '../external-sign-in/Reauthenticate';
import {
  browserSupportsWebAuthn,
  ceremonyMessage,
  createPasskey,
  isCeremonyError,
} from './ceremony';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type Action = { kind: 'add' } | { kind: 'rename' | 'remove'; id: string; name: string };

/** "Passkeys": sign in with a fingerprint, face or screen lock instead of a password. Adding
 * and removing one ask who you are first; each mails a notice. */
export function PasskeysSection() {
  const utils = trpc.useUtils();
  const list = trpc.passkeys.list.useQuery();
  const hasPassword = trpc.oidc.identities.useQuery().data?.has_password ?? true;
  const [ceremonyError, setCeremonyError] = useState('');
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState('');
  const options = trpc.passkeys.registrationOptions.useMutation();
  const register = trpc.passkeys.register.useMutation();
  const rename = trpc.passkeys.rename.useMutation();
  const remove = trpc.passkeys.remove.useMutation();

  function finish(message: string) {
    setNotice(message);
    setAction(null);
    void utils.passkeys.list.invalidate();
  }

  async function add(proof: Proof) {
    setCeremonyError('');
    const optionsJSON = await options.mutateAsync(proof);
    let response;
    try {
      response = await createPasskey(optionsJSON);
    } catch (failure) {
      // The browser's own refusal (closed, timed out, not verified): said under the form.
      if (!isCeremonyError(failure)) throw failure;
      setCeremonyError(ceremonyMessage(failure));
      return;
    }
    const added = await register.mutateAsync({ response });
    finish(`Passkey "${added.name}" added: you can now sign in with it.`);
  }

  async function removeOne(id: string, proof: Proof) {
    const { message } = await remove.mutateAsync({ id, ...proof });
    finish(message);
  }

  return (
    <AccountSection id="passkeys" title="Passkeys">
      <p>
        Sign in with your fingerprint, face or screen lock instead of a password. A passkey never
        leaves your device (or your password manager), and cannot be phished.
      </p>
      {notice && <Notice>{notice}</Notice>}
      {list.isPending && <p aria-busy="true">Loading…</p>}
      <FormAlert message={list.error ? messageOf(list.error) : ''} />
      {list.data && list.data.passkeys.length === 0 && <p>You have no passkeys yet.</p>}
      {list.data && list.data.passkeys.length > 0 && (
        <ul className="sessions" aria-label="Your passkeys">
          {list.data.passkeys.map((passkey) => (
            <li key={passkey.id}>
              <div>
                <strong>{passkey.name}</strong>
                <p className="hint">
                  {passkey.synced ? 'Synced' : 'This device only'} · added{' '}
                  <time dateTime={passkey.created_at}>
                    {when.format(new Date(passkey.created_at))}
                  </time>
                  {' · '}
                  {passkey.last_used_at ? (
                    <>
                      last used{' '}
                      <time dateTime={passkey.last_used_at}>
                        {when.format(new Date(passkey.last_used_at))}
                      </time>
                    </>
                  ) : (
                    'never used'
                  )}
                </p>
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  aria-label={`Rename ${passkey.name}`}
                  onClick={() => setAction({ kind: 'rename', id: passkey.id, name: passkey.name })}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="button"
                  aria-label={`Remove ${passkey.name}`}
                  onClick={() => setAction({ kind: 'remove', id: passkey.id, name: passkey.name })}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {action === null && browserSupportsWebAuthn() && (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setCeremonyError('');
              setAction({ kind: 'add' });
            }}
          >
            Add a passkey
          </button>
        </div>
      )}
      {action?.kind === 'add' && (
        <>
          <h3>Add a passkey</h3>
          <Reauthenticate hasPassword={hasPassword} submitLabel="Continue" onProof={add} />
          <FormAlert message={ceremonyError} />
        </>
      )}
      {action?.kind === 'remove' && (
        <>
          <h3>Remove {action.name}</h3>
          <Reauthenticate
            hasPassword={hasPassword}
            submitLabel="Remove passkey"
            onProof={(proof) => removeOne(action.id, proof)}
          />
        </>
      )}
      {action?.kind === 'rename' && (
        <RenameForm
          key={action.id}
          name={action.name}
          pending={rename.isPending}
          onRename={(name) =>
            rename.mutateAsync({ id: action.id, name }).then((renamed) => {
              finish(`Renamed to "${renamed.name}".`);
            })
          }
        />
      )}
      {action && (
        <p className="aside">
          <button type="button" className="button link" onClick={() => setAction(null)}>
            Cancel
          </button>
        </p>
      )}
    </AccountSection>
  );
}

function RenameForm({
  name,
  pending,
  onRename,
}: {
  name: string;
  pending: boolean;
  onRename: (name: string) => Promise<void>;
}) {
  const [value, setValue] = useState(name);
  const [errors, setErrors] = useState<string[] | undefined>();
  const [formError, setFormError] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = passkeyNameField.safeParse(value);
        if (!parsed.success) {
          setErrors(parsed.error.issues.map((issue) => issue.message));
          return;
        }
        setErrors(undefined);
        onRename(parsed.data).catch((failure: unknown) => {
          const onField = fieldErrorsOf(failure).name;
          if (onField) setErrors(onField);
          else setFormError(messageOf(failure));
        });
      }}
      noValidate
    >
      <h3>Rename {name}</h3>
      <TextField
        id="passkey-name"
        name="name"
        label="Name"
        maxLength={64}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        errors={errors}
      />
      <FormAlert message={formError} />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}
