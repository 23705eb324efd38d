import type { PrismaClient } from '@otp-auth/db';
import type { Clock } from '../clock';
import type { MailTransport } from './transport';

export interface MailWorkerOptions {
  prisma: PrismaClient;
  transport: MailTransport;
  clock: Clock;
  from: string;
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
  let running: Promise<number> | null = null;
  const pending = { again: false };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let giveUpAt = Infinity;

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

  function backoff(attempt: number): number {
    const exponential = baseDelayMs * 2 ** (attempt - 1);
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  async function deliver(mail: ClaimedMail): Promise<void> {
    try {
      await options.transport.send({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
      });
      // The body may hold a code: it is not kept once delivered.
      await prisma.outboxMail.update({
        where: { id: mail.id },
        data: { status: 'sent', sentAt: clock.now(), text: '', html: null, lastError: null },
      });
    } catch (error) {
      const final = mail.attempts >= maxAttempts;
      options.onError?.(error, { id: mail.id, attempt: mail.attempts, final });
      await prisma.outboxMail.update({
        where: { id: mail.id },
        data: {
          status: final ? 'failed' : 'pending',
          nextAttemptAt: new Date(clock.now().getTime() + backoff(mail.attempts)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
          // A mail that will never go out keeps no code either; the user asks for a new one.
          ...(final ? { text: '', html: null } : {}),
        },
      });
    }
  }

  async function drainOnce(): Promise<number> {
    let delivered = 0;
    while (Date.now() < giveUpAt) {
      const batch = await claim();
      if (batch.length === 0) return delivered;
      await Promise.all(batch.map(deliver));
      delivered += batch.length;
    }
    return delivered;
  }

  /** Sends everything due now. Concurrent calls share one run, and a call during a run
   * schedules one more pass so that nothing queued meanwhile waits for the next poll. */
  // Read through a function: the flag changes while the loop awaits.
  const anotherPassWanted = () => pending.again && !stopped;

  function drain(): Promise<number> {
    if (running) {
      pending.again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        pending.again = false;
        total += await drainOnce();
      } while (anotherPassWanted());
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function wake(): void {
    if (stopped) return;
    drain().catch((error: unknown) =>
      options.onError?.(error, { id: '', attempt: 0, final: false }),
    );
  }

  function start(): void {
    stopped = false;
    giveUpAt = Infinity;
    const interval = options.pollIntervalMs ?? 1_000;
    timer = setInterval(wake, interval);
    timer.unref();
    wake();
  }

  /** Stops polling, then keeps sending what is due for at most `drainMs`, so that a shutdown
   * leaves behind nothing it could have sent. A batch already handed to SMTP is always finished;
   * anything left stays in the outbox for the next worker. */
  async function stop(options: { drainMs?: number } = {}): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    const drainMs = options.drainMs ?? 0;
    if (drainMs > 0 && !stopped) {
      giveUpAt = Date.now() + drainMs;
      await drain().catch(() => undefined);
    }
    stopped = true;
    giveUpAt = 0; // a stopped worker sends nothing more, even when asked to drain
    await running?.catch(() => undefined);
  }

  return { drain, wake, start, stop };
}
