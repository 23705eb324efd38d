import { useState } from 'react';

/** A signing secret, shown the one time the server gives it, with a copy button. */
export function WebhookSecret({ secret, note }: { secret: string; note: string }) {
  const [copied, setCopied] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is blocked here: select the secret and copy it by hand.');
    }
  }
  return (
    <div className="webhook-secret" role="region" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title">Signing secret</h3>
      <p>{note} It is not shown again: keep it in the receiver now.</p>
      <p>
        <code data-testid="webhook-secret">{secret}</code>
      </p>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy secret
      </button>
      <p role="status">{copied}</p>
    </div>
  );
}
