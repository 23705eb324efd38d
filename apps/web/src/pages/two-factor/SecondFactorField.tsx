import { TextField } from '../../components/TextField';

/** The code from the app, or, on request, a recovery code instead: one input at a time, so the
 * form sends exactly one of them. */
export function SecondFactorField({
  idPrefix,
  useRecovery,
  onToggle,
  errors,
}: {
  /** Ids of the inputs: the account page has several of these forms. */
  idPrefix: string;
  useRecovery: boolean;
  onToggle: () => void;
  errors: string[] | undefined;
}) {
  return (
    <>
      {useRecovery ? (
        <TextField
          key="recovery_code"
          id={`${idPrefix}-recovery-code`}
          name="recovery_code"
          label="Recovery code"
          hint="One of the codes you saved, like abcde-fghij."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={errors}
        />
      ) : (
        <TextField
          key="code"
          id={`${idPrefix}-code`}
          name="code"
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          errors={errors}
        />
      )}
      <button type="button" className="button link" onClick={onToggle}>
        {useRecovery ? 'Use the code from your app instead' : 'Use a recovery code instead'}
      </button>
    </>
  );
}
