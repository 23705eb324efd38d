import type { Prisma } from '@otp-auth/db';
import { createSecretBox, type SecretBox } from '../crypto/secret-box';
import type { MailContent } from './layout';

const boxes = new WeakMap<Uint8Array, SecretBox>();

/** Seals what an outbox row says (subject, text, html: where the codes are) under a key of its
 * own derived from OTP_SECRET, so that no table holds a code in clear, not even while SMTP is
 * down (ADR 124). Only the mail worker opens it, to hand the mail to SMTP. */
export function outboxBox(otpSecret: Uint8Array): SecretBox {
  let box = boxes.get(otpSecret);
  if (!box) {
    box = createSecretBox(otpSecret, 'outbox-mail');
    boxes.set(otpSecret, box);
  }
  return box;
}

/** Writes a mail in the caller's transaction: it is sent if and only if the change commits. */
export async function enqueueMail(
  ctx: { config: { otpSecret: Uint8Array }; clock: { now(): Date } },
  tx: Prisma.TransactionClient,
  to: string,
  mail: MailContent,
  now: Date = ctx.clock.now(),
): Promise<void> {
  const box = outboxBox(ctx.config.otpSecret);
  await tx.outboxMail.create({
    data: {
      kind: mail.kind,
      to,
      subject: box.seal(mail.subject),
      text: box.seal(mail.text),
      html: box.seal(mail.html),
      createdAt: now,
      nextAttemptAt: now,
    },
  });
}
