import type { PrismaClient } from '@otp-auth/db';
import type { Clock } from '../clock';
import { createDrainLoop } from '../outbox/drain-loop';
import { retryDelayMs } from '../outbox/retry-delay';
import { outboxBox } from './outbox';
import type { MailTransport } from './transport';

export interface MailWorkerOptions {
  prisma: PrismaClient;
  transport: MailTransport;
  clock: Clock;
  from: string;
  /** Opens what the outbox sealed (outbox.ts). */
  otpSecret: Uint8Array;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** How long a claimed mail stays reserved before another worker may take it over. */
  leaseMs?: number;
  batchSize?: number;
  pollIntervalMs?: number;
  onError?: (error: unknown, context: { id: string; attempt: number; final: boolean }) => void;
}

interface ClaimedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

/** Delivers the outbox. Several instances may run at once: claims use FOR UPDATE SKIP LOCKED,
 * and a claim is a lease, so a crashed worker's mail is retried by another. */
export function createMailWorker(options: MailWorkerOptions) {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const { prisma, clock } = options;
  const box = outboxBox(options.otpSecret);
  // Rows queued before mail was sealed are read as they are.
  const open = (value: string) => (value.startsWith('v1.') ? box.open(value) : value);
  // What a row keeps once it will not be sent again: no subject, no body, so no code.
  const wiped = { subject: '', text: '', html: null };

  async function claim(): Promise<ClaimedMail[]> {
    const now = clock.now();
    const lease = new Date(now.getTime() + leaseMs);
    return prisma.$queryRaw<ClaimedMail[]>`
      UPDATE outbox_mails SET status = 'sending', attempts = attempts + 1, next_attempt_at = ${lease}
      WHERE id IN (
        SELECT id FROM outbox_mails
        WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, "to", subject, text, html, attempts`;
  }

  async function deliver(mail: ClaimedMail): Promise<void> {
    try {
      await options.transport.send({
        from: options.from,
        to: mail.to,
        subject: open(mail.subject),
        text: open(mail.text),
        html: mail.html === null ? undefined : open(mail.html),
      });
      // Even sealed, a code is not kept once delivered. (updateMany: an account deleted while
      // its mail was being sent took the row with it, and that is no error.)
      await prisma.outboxMail.updateMany({
        where: { id: mail.id },
        data: { status: 'sent', sentAt: clock.now(), ...wiped, lastError: null },
      });
    } catch (error) {
      const final = mail.attempts >= maxAttempts;
      options.onError?.(error, { id: mail.id, attempt: mail.attempts, final });
      await prisma.outboxMail.updateMany({
        where: { id: mail.id },
        data: {
          status: final ? 'failed' : 'pending',
          nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(mail.attempts, baseDelayMs)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
          // A mail that will never go out keeps no code either; the user asks for a new one.
          ...(final ? wiped : {}),
        },
      });
    }
  }

  return createDrainLoop({
    async pass(keepGoing) {
      let delivered = 0;
      while (keepGoing()) {
        const batch = await claim();
        if (batch.length === 0) return delivered;
        await Promise.all(batch.map(deliver));
        delivered += batch.length;
      }
      return delivered;
    },
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    onError: (error) => options.onError?.(error, { id: '', attempt: 0, final: false }),
  });
}
