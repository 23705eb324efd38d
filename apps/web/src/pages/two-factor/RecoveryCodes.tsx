import { useState } from 'react';
import { Notice } from '../../components/Alerts';

/** Recovery codes, shown this once: copy them or save them as a text file. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const text = `${codes.join('\n')}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is blocked here: select the codes and copy them by hand.');
    }
  }

  return (
    <div className="recovery-codes">
      <h3 id="recovery-title">Your recovery codes</h3>
      <p>
        Each code signs you in once if you lose your phone. Keep them somewhere safe: they are not
        shown again.
      </p>
      <ul aria-labelledby="recovery-title" className="code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy codes
        </button>
        <a className="button" href={download} download="otp-auth-recovery-codes.txt">
          Download codes
        </a>
        <button type="button" className="button primary" onClick={onDone}>
          I have saved them
        </button>
      </div>
      {copied && <Notice>{copied}</Notice>}
    </div>
  );
}
