import { useRef, type ClipboardEvent, type KeyboardEvent } from 'react';

const CODE_LENGTH = 6;

interface CodeInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Called when the sixth digit arrives, by typing or pasting. */
  onComplete?: (code: string) => void;
  /** id of the visible label of the whole group. */
  labelledBy: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');
/** Empty boxes are spaces in the value, so a digit keeps its position when one before it is
 * cleared; trailing blanks are dropped. */
const encode = (digits: string[]) =>
  digits
    .map((digit) => digit || ' ')
    .join('')
    .trimEnd();

/** Six boxes for a six-digit code: typing moves to the next box, Backspace to the previous one,
 * and a pasted (or autofilled) code fills them all. */
export function CodeInput({
  value,
  onChange,
  onComplete,
  labelledBy,
  describedBy,
  invalid = false,
  disabled = false,
}: CodeInputProps) {
  const boxes = useRef<(HTMLInputElement | null)[]>([]);
  const digits = Array.from({ length: CODE_LENGTH }, (_, i) => (value[i] ?? '').trim());

  const focusBox = (index: number) => {
    const box = boxes.current[Math.max(0, Math.min(CODE_LENGTH - 1, index))];
    box?.focus();
    box?.select();
  };

  /** Writes `text` into the boxes from `start` on. */
  function fill(start: number, text: string) {
    const incoming = digitsOf(text);
    if (!incoming) return;
    const next = [...digits];
    let index = start;
    for (const digit of incoming) {
      if (index >= CODE_LENGTH) break;
      next[index] = digit;
      index += 1;
    }
    const code = encode(next);
    onChange(code);
    focusBox(index);
    if (/^\d+$/.test(code) && code.length === CODE_LENGTH) onComplete?.(code);
  }

  function onPaste(index: number, event: ClipboardEvent<HTMLInputElement>) {
    event.preventDefault();
    const pasted = digitsOf(event.clipboardData.getData('text'));
    // A whole code pasted anywhere fills from the first box.
    fill(pasted.length >= CODE_LENGTH ? 0 : index, pasted);
  }

  function onKeyDown(index: number, event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Backspace' && !digits[index] && index > 0) {
      event.preventDefault();
      const next = [...digits];
      next[index - 1] = '';
      onChange(encode(next));
      focusBox(index - 1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      focusBox(index - 1);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      focusBox(index + 1);
    }
  }

  function onInput(index: number, text: string) {
    if (text === '') {
      const next = [...digits];
      next[index] = '';
      onChange(encode(next));
      return;
    }
    // A typed digit replaces the box's content; the newest character is the one typed.
    fill(index, text.length > 1 && digits[index] ? text.replace(digits[index], '') : text);
  }

  return (
    <div className="code-input" role="group" aria-labelledby={labelledBy}>
      {digits.map((digit, index) => (
        <input
          // The boxes never reorder: the index is their identity.
          key={index}
          ref={(element) => {
            boxes.current[index] = element;
          }}
          value={digit}
          onChange={(event) => onInput(index, event.target.value)}
          onPaste={(event) => onPaste(index, event)}
          onKeyDown={(event) => onKeyDown(index, event)}
          onFocus={(event) => event.target.select()}
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete={index === 0 ? 'one-time-code' : 'off'}
          maxLength={CODE_LENGTH}
          aria-label={`Digit ${index + 1} of ${CODE_LENGTH}`}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
        />
      ))}
    </div>
  );
}
