import { useEffect, useId, useRef, useState } from 'react';

/** A button for a consequential action that asks once more, in place: the question and its two
 * answers replace the button, focus moves to the confirmation, and back to the button after. */
export function ConfirmAction({
  label,
  ariaLabel,
  question,
  confirmLabel,
  busy = false,
  onConfirm,
}: {
  /** The button's text. */
  label: string;
  /** A fuller name where several such buttons share a page ("Disable alice@example.com"). */
  ariaLabel?: string;
  /** What pressing it will do, as a question. */
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
}) {
  const [state, setState] = useState<'idle' | 'asking' | 'answered'>('idle');
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => {
    if (state === 'asking') confirm.current?.focus();
    if (state === 'answered') trigger.current?.focus();
  }, [state]);

  if (state !== 'asking') {
    return (
      <button
        ref={trigger}
        type="button"
        className="button danger"
        aria-label={ariaLabel}
        disabled={busy}
        onClick={() => setState('asking')}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <div className="confirm-answers">
        <button
          ref={confirm}
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            setState('answered');
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={() => setState('answered')}>
          Cancel
        </button>
      </div>
    </div>
  );
}
