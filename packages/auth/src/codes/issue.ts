import type { Prisma } from '@otp-auth/db';
import { addSeconds } from '../clock';
import type { CodePurpose } from '../code-purpose';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { codeMail } from '../mail/templates';
import { decoyHash, generateCode, hashCode } from '../otp';

type Tx = Prisma.TransactionClient;

export const codeKey = (email: string, purpose: CodePurpose) => ({
  email_purpose: { email, purpose },
});

export interface CodeTarget {
  /** The address the row is keyed by: the account's current one. */
  email: string;
  userId: string;
  /** For an email change: the new address, which receives the code and is taken on success. */
  newEmail?: string;
}

/** Replaces the row's live code with a new one and queues its mail. Overwriting the row kills
 * the previous code and gives the new one a fresh attempt budget. */
export async function issueCode(
  ctx: AuthContext,
  tx: Tx,
  purpose: CodePurpose,
  target: CodeTarget,
): Promise<void> {
  const code = generateCode();
  const now = await writeCode(ctx, tx, purpose, target.email, {
    userId: target.userId,
    newEmail: target.newEmail ?? null,
    codeHmac: hashCode(ctx.config.otpSecret, code),
  });
  const mail = codeMail(ctx.config, purpose, code, ctx.config.otpTtlSeconds);
  await enqueueMail(tx, target.newEmail ?? target.email, mail, now);
}

/** Gives an address without a matching account a code nobody knows, so that guessing against
 * it behaves exactly like guessing against a real one (same answers, same attempt budget). */
export async function issueDecoy(
  ctx: AuthContext,
  tx: Tx,
  purpose: CodePurpose,
  email: string,
): Promise<void> {
  await writeCode(ctx, tx, purpose, email, { userId: null, newEmail: null, codeHmac: decoyHash() });
}

/** Upserts the (email, purpose) row: the one write shared by real codes and decoys. */
async function writeCode(
  ctx: AuthContext,
  tx: Tx,
  purpose: CodePurpose,
  email: string,
  code: { userId: string | null; newEmail: string | null; codeHmac: string },
): Promise<Date> {
  const now = ctx.clock.now();
  const fields = {
    ...code,
    attempts: 0,
    sentAt: now,
    expiresAt: addSeconds(now, ctx.config.otpTtlSeconds),
    usedAt: null,
    ...(await nextSendWindow(tx, purpose, email, now)),
  };
  await tx.emailCode.upsert({
    where: codeKey(email, purpose),
    create: { email, purpose, ...fields },
    update: fields,
  });
  return now;
}

async function nextSendWindow(tx: Tx, purpose: CodePurpose, email: string, now: Date) {
  const row = await tx.emailCode.findUnique({
    where: codeKey(email, purpose),
    select: { sendCount: true, windowStartedAt: true },
  });
  const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < 3_600_000;
  return windowOpen
    ? { sendCount: row.sendCount + 1, windowStartedAt: row.windowStartedAt }
    : { sendCount: 1, windowStartedAt: now };
}

/** Holds every other send decision for this address and purpose until the transaction ends.
 * Without it, parallel requests all read "cooled down" before any of them writes its code, and
 * each sends a mail. A lock on the row would not do: before the first code there is no row. */
async function lockSends(tx: Tx, purpose: CodePurpose, email: string): Promise<void> {
  const key = `${purpose}:${email}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Whether a new code may be sent now: the cooldown since the last one has passed and the
 * hourly cap is not reached. Applies to real and decoy codes alike. The caller's transaction
 * holds the decision for this address and purpose until it commits (ADR 122), so that the code
 * it then writes is seen by the next request. */
export async function maySendCode(
  ctx: AuthContext,
  tx: Tx,
  purpose: CodePurpose,
  email: string,
): Promise<boolean> {
  await lockSends(tx, purpose, email);
  const row = await tx.emailCode.findUnique({
    where: codeKey(email, purpose),
    select: { sentAt: true, sendCount: true, windowStartedAt: true },
  });
  if (!row) return true;
  const now = ctx.clock.now().getTime();
  const cooledDown = now - row.sentAt.getTime() >= ctx.config.otpResendCooldownSeconds * 1000;
  const windowOpen = now - row.windowStartedAt.getTime() < 3_600_000;
  const underCap = !windowOpen || row.sendCount < ctx.config.otpMaxSendsPerHour;
  return cooledDown && underCap;
}

/** Sends a code when the account exists and a decoy otherwise, within the send limits: the
 * same statements run for known and unknown addresses (only the mail row is extra). Returns
 * whether a mail was queued. */
export async function sendCodeOrDecoy(
  ctx: AuthContext,
  tx: Tx,
  purpose: CodePurpose,
  email: string,
  userId: string | null,
): Promise<boolean> {
  if (!(await maySendCode(ctx, tx, purpose, email))) return false;
  if (userId === null) {
    await issueDecoy(ctx, tx, purpose, email);
    return false;
  }
  await issueCode(ctx, tx, purpose, { email, userId });
  return true;
}
