import type { MessageOutput, ResendOtpInput } from '@otp-auth/validators';
import { answerNoSoonerThan } from '../answer-floor';
import type { AuthContext } from '../context';
import { sendCodeOrDecoy } from '../codes/issue';

const RESENT: MessageOutput = {
  message: 'If this email has an account awaiting verification, a new code has been sent.',
};

/** Same answer for every email. A pending account gets a new code (which kills the old one);
 * any other email gets a new decoy, so that verify keeps answering alike for both. */
export function resendOtp(ctx: AuthContext, data: ResendOtpInput): Promise<MessageOutput> {
  return answerNoSoonerThan(ctx.config.codeRequestFloorMs, () => sendResend(ctx, data.email));
}

async function sendResend(ctx: AuthContext, email: string): Promise<MessageOutput> {
  const queued = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, emailVerifiedAt: true },
    });
    const pendingId = user && !user.emailVerifiedAt ? user.id : null;
    return sendCodeOrDecoy(ctx, tx, 'verify_email', email, pendingId);
  });
  if (queued) ctx.mailQueued();
  return RESENT;
}
