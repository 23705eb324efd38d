import type { ErrorCode } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import type { RequestMeta } from '../request-meta';

type PasskeyRefusal = Extract<ErrorCode, `passkey_${string}`>;

const messages: Record<PasskeyRefusal, string> = {
  passkey_challenge_invalid: 'This passkey request has expired or was already used. Try again.',
  passkey_not_recognized: 'This passkey is not registered here. Use another one or your password.',
  passkey_verification_failed: 'This passkey could not be verified. Try again.',
  passkey_already_registered: 'This passkey is already registered.',
};

/** A passkey refused: the caller gets a stable code and a sentence, the operator's log gets
 * what exactly failed (never the caller: it would help an attacker tune a forgery). */
export function passkeyRefused(
  ctx: AuthContext,
  code: PasskeyRefusal,
  detail: { reason: string; userId?: string | undefined },
  meta: RequestMeta,
): AuthError {
  ctx.securityEvent(
    {
      type: code,
      reason: detail.reason,
      ...(detail.userId === undefined ? {} : { userId: detail.userId }),
    },
    meta,
  );
  return new AuthError(code, messages[code], { fields: { passkey: [messages[code]] } });
}
