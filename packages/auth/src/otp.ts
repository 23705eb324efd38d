import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { OTP_LENGTH } from '@otp-auth/validators';

/** A uniformly random 6-digit code from the CSPRNG (leading zeros kept). */
export function generateCode(): string {
  return randomInt(0, 10 ** OTP_LENGTH)
    .toString()
    .padStart(OTP_LENGTH, '0');
}

/** Codes are stored only as this keyed hash, so a database leak reveals none. */
export function hashCode(secret: Uint8Array, code: string): string {
  return createHmac('sha256', secret).update(code).digest('hex');
}

/** A hash no code can produce: stands in for unknown emails so their answers look the same. */
export function decoyHash(): string {
  return randomBytes(32).toString('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
