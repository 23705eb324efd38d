import type { FieldErrors } from '@otp-auth/validators';
import { useRef, useState, type SyntheticEvent } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, messageOf } from '../api/errors';

/** Validates a form with the shared zod schema before anything is sent, and puts the server's
 * field errors next to the same inputs. Focus goes to the first field in error. */
export function useForm<Schema extends z.ZodType>(
  schema: Schema,
  onValid: (data: z.output<Schema>) => void,
) {
  const formRef = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');

  function focusFirstError(errors: FieldErrors) {
    const form = formRef.current;
    if (!form) return;
    const first = Array.from(form.elements).find(
      (element): element is HTMLInputElement =>
        element instanceof HTMLInputElement && element.name in errors,
    );
    first?.focus();
  }

  function showErrors(errors: FieldErrors, message = '') {
    const { non_field_errors: general, ...perField } = errors;
    setFields(perField);
    setFormError(general?.join(' ') ?? message);
    focusFirstError(perField);
  }

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    // A field that carries a structure (a passkey's answer) holds it as JSON; empty, it is left
    // out.
    const json = new Set(
      Array.from(
        event.currentTarget.querySelectorAll<HTMLInputElement>('input[data-json]'),
        (input) => input.name,
      ),
    );
    const values = Object.fromEntries(
      Array.from(new FormData(event.currentTarget)).flatMap(([key, value]) => {
        const text = typeof value === 'string' ? value : '';
        if (!json.has(key)) return [[key, text] as const];
        return text ? [[key, JSON.parse(text) as unknown] as const] : [];
      }),
    );
    const result = schema.safeParse(values);
    if (!result.success) {
      const errors: FieldErrors = {};
      for (const issue of result.error.issues) {
        const key = issue.path.join('.') || 'non_field_errors';
        // One problem at a time per field: the first is the one to fix.
        errors[key] ??= [issue.message];
      }
      showErrors(errors);
      return;
    }
    setFields({});
    setFormError('');
    onValid(result.data);
  }

  /** Shows what the server said: field messages by their inputs, the rest above the button. */
  function showServerError(error: unknown) {
    const errors = fieldErrorsOf(error);
    const hasFields = Object.keys(errors).some((key) => key !== 'non_field_errors');
    showErrors(errors, hasFields ? '' : messageOf(error));
  }

  return { formRef, fields, formError, onSubmit, showServerError, setFormError };
}
