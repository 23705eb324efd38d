import type { InputHTMLAttributes } from 'react';

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  errors?: string[] | undefined;
}

/** A labelled input whose hint and errors are tied to it for screen readers. */
export function TextField({ name, label, hint, errors, id: givenId, ...input }: TextFieldProps) {
  // Two forms on one page may both ask for a `password`: they pass distinct ids.
  const id = givenId ?? `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The email input every form asks for, with the browser hints that suit an address. */
export function EmailField(props: Omit<TextFieldProps, 'name' | 'label' | 'type'>) {
  return (
    <TextField
      name="email"
      label="Email"
      type="email"
      autoComplete="email"
      autoCapitalize="none"
      spellCheck={false}
      {...props}
    />
  );
}

/** The current password, asked for before anything sensitive; `name` defaults to `password`.
 * Two such forms on one page pass distinct ids. */
export function CurrentPasswordField(
  props: Omit<TextFieldProps, 'name' | 'label' | 'type'> & { name?: string },
) {
  return (
    <TextField
      name="password"
      label="Current password"
      type="password"
      autoComplete="current-password"
      required
      {...props}
    />
  );
}

/** A new password and its confirmation (`new_password`, `confirm_password`), as the change and
 * the reset ask for them. */
export function NewPasswordFields({
  hint,
  errors,
}: {
  hint: string;
  errors: { new_password?: string[] | undefined; confirm_password?: string[] | undefined };
}) {
  return (
    <>
      <TextField
        name="new_password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={hint}
        errors={errors.new_password}
      />
      <TextField
        name="confirm_password"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        errors={errors.confirm_password}
      />
    </>
  );
}
