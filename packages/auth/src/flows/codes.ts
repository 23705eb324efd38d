import type { Prisma } from '@otp-auth/db';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { verificationCodeMail } from '../mail/templates';
import { decoyHash, generateCode, hashCode } from '../otp';

export const VERIFY_EMAIL = 'verify_email';

type Tx = Prisma.TransactionClient;

/** Replaces the email's live code with a new one and queues its mail. Overwriting the row kills
 * the previous code and gives the new one a fresh attempt budget. */
export async function issueCode(
  ctx: AuthContext,
  tx: Tx,
  target: { email: string; userId: string },
): Promise<void> {
  const code = generateCode();
  const now = await writeCode(
    ctx,
    tx,
    target.email,
    target.userId,
    hashCode(ctx.config.otpSecret, code),
  );
  await enqueueMail(
    tx,
    target.email,
    verificationCodeMail(ctx.config, code, ctx.config.otpTtlSeconds),
    now,
  );
}

/** Gives an email without a pending account a code nobody knows, so that guessing against it
 * behaves exactly like guessing against a real one (same answers, same attempt budget). */
export async function issueDecoy(ctx: AuthContext, tx: Tx, email: string): Promise<void> {
  await writeCode(ctx, tx, email, null, decoyHash());
}

/** Upserts the (email, purpose) row: the one write shared by real codes and decoys. */
async function writeCode(
  ctx: AuthContext,
  tx: Tx,
  email: string,
  userId: string | null,
  codeHmac: string,
): Promise<Date> {
  const now = ctx.clock.now();
  const fields = {
    userId,
    codeHmac,
    attempts: 0,
    sentAt: now,
    expiresAt: addSeconds(now, ctx.config.otpTtlSeconds),
    usedAt: null,
    ...(await nextSendWindow(ctx, tx, email, now)),
  };
  await tx.emailCode.upsert({
    where: { email_purpose: { email, purpose: VERIFY_EMAIL } },
    create: { email, purpose: VERIFY_EMAIL, ...fields },
    update: fields,
  });
  return now;
}

async function nextSendWindow(ctx: AuthContext, tx: Tx, email: string, now: Date) {
  const row = await tx.emailCode.findUnique({
    where: { email_purpose: { email, purpose: VERIFY_EMAIL } },
    select: { sendCount: true, windowStartedAt: true },
  });
  const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < 3_600_000;
  return windowOpen
    ? { sendCount: row.sendCount + 1, windowStartedAt: row.windowStartedAt }
    : { sendCount: 1, windowStartedAt: now };
}

/** Whether a new code may be sent now: the cooldown since the last one has passed and the
 * hourly cap is not reached. Applies to real and decoy codes alike. */
export async function maySendCode(ctx: AuthContext, tx: Tx, email: string): Promise<boolean> {
  const row = await tx.emailCode.findUnique({
    where: { email_purpose: { email, purpose: VERIFY_EMAIL } },
    select: { sentAt: true, sendCount: true, windowStartedAt: true },
  });
  if (!row) return true;
  const now = ctx.clock.now().getTime();
  const cooledDown = now - row.sentAt.getTime() >= ctx.config.otpResendCooldownSeconds * 1000;
  const windowOpen = now - row.windowStartedAt.getTime() < 3_600_000;
  const underCap = !windowOpen || row.sendCount < ctx.config.otpMaxSendsPerHour;
  return cooledDown && underCap;
}
