import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { AccountSection } from '../account/AccountSection';
import { DisableTwoFactor } from './DisableTwoFactor';
import { PasswordForm } from './PasswordForm';
import { RecoveryCodes } from './RecoveryCodes';
import { SetupTotp } from './SetupTotp';

/** "Two-factor authentication" on the account page: set up, recovery codes, turn off. */
export function TwoFactorSection() {
  const status = trpc.twoFactor.status.useQuery();
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState('');
  // One form open at a time: each asks for the password in a field of the same name.
  const [open, setOpen] = useState<'regenerate' | 'disable' | null>(null);
  const regenerate = trpc.twoFactor.regenerateRecoveryCodes.useMutation({
    onSuccess: (result) => setFreshCodes(result.recovery_codes),
  });

  function changed(message: string) {
    setNotice(message);
    setFreshCodes(null);
    setOpen(null);
    void status.refetch();
  }

  return (
    <AccountSection id="two-factor" title="Two-factor authentication">
      {notice && <Notice>{notice}</Notice>}
      {status.isPending && <p aria-busy="true">Loading…</p>}
      {status.error && <FormAlert message={messageOf(status.error)} />}
      {status.data && !status.data.enabled && (
        <SetupTotp
          onDone={() => changed('Two-factor authentication is on. Other sessions were signed out.')}
        />
      )}
      {status.data?.enabled && freshCodes && (
        <RecoveryCodes codes={freshCodes} onDone={() => changed('New recovery codes saved.')} />
      )}
      {status.data?.enabled && !freshCodes && (
        <>
          <p className="two-factor-state">
            <strong>On.</strong> {status.data.recovery_codes_left} recovery code
            {status.data.recovery_codes_left === 1 ? '' : 's'} left.
          </p>
          {open === null && (
            <div className="actions">
              <button type="button" className="button" onClick={() => setOpen('regenerate')}>
                New recovery codes
              </button>
              <button type="button" className="button danger" onClick={() => setOpen('disable')}>
                Turn off two-factor
              </button>
            </div>
          )}
          {open === 'regenerate' && (
            <>
              <h3>New recovery codes</h3>
              <p>Every recovery code you have now stops working.</p>
              <PasswordForm
                id="two-factor-regenerate-password"
                submitLabel="Make new recovery codes"
                pendingLabel="Making codes…"
                stepUp
                onConfirm={(proof) => regenerate.mutateAsync(proof)}
              />
            </>
          )}
          {open === 'disable' && (
            <>
              <h3>Turn off two-factor</h3>
              <DisableTwoFactor onDone={() => changed('Two-factor authentication is off.')} />
            </>
          )}
          {open !== null && (
            <p className="aside">
              <button type="button" className="button link" onClick={() => setOpen(null)}>
                Cancel
              </button>
            </p>
          )}
        </>
      )}
    </AccountSection>
  );
}
