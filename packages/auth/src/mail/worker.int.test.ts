import { randomBytes } from 'node:crypto';
import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { enqueueMail } from './outbox';
import type { MailTransport, OutgoingMail } from './transport';
import { createMailWorker } from './worker';

const otpSecret = randomBytes(32);

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.prisma.outboxMail.deleteMany();
});

/** A transport that fails its first `failures` sends, then records what it sends. */
function flakyTransport(failures: number): MailTransport & { sent: OutgoingMail[] } {
  let left = failures;
  const sent: OutgoingMail[] = [];
  return {
    sent,
    send(mail) {
      if (left > 0) {
        left -= 1;
        return Promise.reject(new Error('421 try again later'));
      }
      sent.push(mail);
      return Promise.resolve();
    },
  };
}

async function queue(clock: { now(): Date }, to: string) {
  await enqueueMail({ config: { otpSecret }, clock }, db.prisma, to, {
    kind: 'verification_code',
    subject: 'code 123456',
    text: 'Your code: 123456',
    html: '<p>123456</p>',
  });
}

const row = (to: string) => db.prisma.outboxMail.findFirstOrThrow({ where: { to } });

describe('mail worker', () => {
  it('backs off exponentially with jitter, then marks the mail failed and wipes it', async () => {
    const clock = createManualClock();
    const transport = flakyTransport(Infinity);
    const base = 1_000;
    const worker = createMailWorker({
      prisma: db.prisma,
      transport,
      clock,
      from: 'a@example.com',
      otpSecret,
      maxAttempts: 4,
      baseDelayMs: base,
    });
    await queue(clock, 'down@example.com');

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await worker.drain();
      const mail = await row('down@example.com');
      expect(mail).toMatchObject({ status: 'pending', attempts: attempt });
      const delay = mail.nextAttemptAt.getTime() - clock.now().getTime();
      const full = base * 2 ** (attempt - 1);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
      // Not due yet: nothing happens.
      await worker.drain();
      expect((await row('down@example.com')).attempts).toBe(attempt);
      clock.advance(delay);
    }
    await worker.drain();
    expect(await row('down@example.com')).toMatchObject({
      status: 'failed',
      attempts: 4,
      subject: '',
      text: '',
      html: null,
      lastError: '421 try again later',
    });
    clock.advance(3_600_000);
    await worker.drain();
    expect((await row('down@example.com')).attempts).toBe(4);
  });

  it('delivers after transient failures and keeps no body once sent', async () => {
    const clock = createManualClock();
    const transport = flakyTransport(2);
    const worker = createMailWorker({
      prisma: db.prisma,
      transport,
      clock,
      from: 'a@example.com',
      otpSecret,
      baseDelayMs: 10,
    });
    await queue(clock, 'flaky@example.com');
    // Sealed while it waits: the code is nowhere in the row.
    expect(JSON.stringify(await row('flaky@example.com'))).not.toContain('123456');
    for (let i = 0; i < 3; i += 1) {
      await worker.drain();
      clock.advance(60_000);
    }
    expect(transport.sent.map((mail) => [mail.to, mail.subject, mail.text])).toEqual([
      ['flaky@example.com', 'code 123456', 'Your code: 123456'],
    ]);
    expect(await row('flaky@example.com')).toMatchObject({
      status: 'sent',
      attempts: 3,
      subject: '',
      text: '',
      html: null,
    });
  });

  it('sends what is due when stopped with a drain, and nothing after', async () => {
    const clock = createManualClock();
    const transport = flakyTransport(0);
    const worker = createMailWorker({
      prisma: db.prisma,
      transport,
      clock,
      from: 'a@example.com',
      otpSecret,
      pollIntervalMs: 3_600_000,
    });
    worker.start();
    await queue(clock, 'last@example.com');
    await worker.stop({ drainMs: 5_000 });
    expect(transport.sent.map((mail) => mail.to)).toEqual(['last@example.com']);

    await queue(clock, 'after@example.com');
    worker.wake();
    await worker.drain();
    expect(transport.sent.map((mail) => mail.to)).toEqual(['last@example.com']);
  });
});
