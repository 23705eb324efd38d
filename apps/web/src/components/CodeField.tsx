import type { ReactNode } from 'react';
import { FormAlert } from './Alerts';
import { CodeInput } from './CodeInput';

interface CodeFieldProps {
  /** Prefix of the field's, the label's and the error's ids (`<id>-field`, `<id>-label`,
   * `<id>-error`). */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onComplete?: (code: string) => void;
  /** Why the code was refused; empty when it was not. */
  error: string;
}

/** The six code boxes with their label and the refusal below them, tied together for screen
 * readers: every page that asks for a code (verify, reset, email change, two-factor) uses it. */
export function CodeField({ id, label, value, onChange, onComplete, error }: CodeFieldProps) {
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  return (
    <>
      <div className="field" id={`${id}-field`}>
        <span className="label" id={labelId}>
          {label}
        </span>
        <CodeInput
          value={value}
          onChange={onChange}
          onComplete={onComplete}
          labelledBy={labelId}
          describedBy={error ? errorId : undefined}
          invalid={Boolean(error)}
        />
      </div>
      <div id={errorId}>
        <FormAlert message={error} />
      </div>
    </>
  );
}
