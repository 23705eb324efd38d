import type { MessageOutput, VerifyOtpInput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { consumeCode, spendCode } from '../codes/check';
import { emitEvent } from '../webhooks/emit';

/** Checks a sign-up code. Unknown, pending and verified emails get the same answers in the same
 * order (see spendCode). */
export async function verifyOtp(
  ctx: AuthContext,
  data: VerifyOtpInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const { email } = data;
  const code = await spendCode(ctx, 'verify_email', email, data.otp);
  await ctx.prisma.$transaction(async (tx) => {
    // The email is left with no live code, as a verified one is.
    await consumeCode(tx, code);
    const verified = await tx.user.updateMany({
      where: { id: code.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: ctx.clock.now() },
    });
    await recordAudit(tx, { type: 'verify', userId: code.userId, email }, meta);
    if (verified.count > 0) {
      await emitEvent(tx, ctx.clock.now(), {
        type: 'user.verified',
        data: { user_id: code.userId, email },
      });
    }
  });
  return { message: 'Email verified. You can now log in.' };
}
