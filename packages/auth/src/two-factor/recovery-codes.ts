import { randomBytes } from 'node:crypto';
import type { Prisma } from '@otp-auth/db';
import { RECOVERY_CODE_COUNT, normalizeRecoveryCode } from '@otp-auth/validators';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { AuthContext } from '../context';
import { hashCode } from '../otp';

type Tx = Prisma.TransactionClient;

/** 50 random bits as 10 base32 characters, shown as `xxxxx-xxxxx`. */
function newRecoveryCode(): string {
  // 7 bytes give 56 bits; the first 10 characters carry 50 of them.
  const chars = encodeBase32LowerCaseNoPadding(randomBytes(7)).slice(0, 10);
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Keyed with the server secret and prefixed, so a recovery code's hash can never equal an
 * emailed code's. */
function hashRecoveryCode(ctx: AuthContext, code: string): string {
  return hashCode(ctx.config.otpSecret, `recovery_code:${normalizeRecoveryCode(code)}`);
}

/** Replaces the user's set: every earlier code dies, the new ones are returned this once. */
export async function replaceRecoveryCodes(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const createdAt = ctx.clock.now();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHmac: hashRecoveryCode(ctx, code), createdAt })),
  });
  return codes;
}

/** Spends a recovery code in one conditional update: of two parallel uses, one wins. */
export async function consumeRecoveryCode(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  code: string,
): Promise<boolean> {
  const spent = await tx.recoveryCode.updateMany({
    where: { userId, codeHmac: hashRecoveryCode(ctx, code), usedAt: null },
    data: { usedAt: ctx.clock.now() },
  });
  return spent.count === 1;
}

export async function recoveryCodesLeft(ctx: AuthContext, userId: string): Promise<number> {
  return ctx.prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}
