import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { AccountSection } from './AccountSection';

/** Saves the answer of account.exportData as a JSON file. */
function saveJson(data: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export function ExportSection() {
  const utils = trpc.useUtils();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function download() {
    setBusy(true);
    setError('');
    try {
      saveJson(await utils.account.exportData.fetch(), 'otp-auth-export.json');
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AccountSection id="export" title="Your data">
      <p className="intro">
        A JSON file of your profile, your sessions (when, from where, which browser) and your
        account’s security events.
      </p>
      <FormAlert message={error} />
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void download()}
      >
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
    </AccountSection>
  );
}
