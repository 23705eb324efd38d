import type { FieldErrors } from '@otp-auth/validators';
import { useState } from 'react';
import { trpc } from '../../api/trpc';
import { PasskeyStepUp } from '../passkeys/PasskeyStepUp';
import { SecondFactorField } from './SecondFactorField';

/** Step-up (ADR 126): with two-factor on, a sensitive change also asks for a code from the
 * app, or a recovery code, in the same form. Nothing shows for an account without two-factor,
 * unless the server asked for one (its status was not loaded yet). */
export function StepUpField({ idPrefix, errors }: { idPrefix: string; errors: FieldErrors }) {
  const status = trpc.twoFactor.status.useQuery();
  const [useRecovery, setUseRecovery] = useState(false);
  const asked = errors.code !== undefined || errors.recovery_code !== undefined;
  if (!status.data?.enabled && !asked) return null;
  return (
    <>
      <SecondFactorField
        idPrefix={idPrefix}
        useRecovery={useRecovery}
        onToggle={() => setUseRecovery((value) => !value)}
        errors={errors[useRecovery ? 'recovery_code' : 'code']}
      />
      <PasskeyStepUp errors={errors.passkey} />
    </>
  );
}
