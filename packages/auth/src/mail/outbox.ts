import type { Prisma } from '@otp-auth/db';
import type { MailContent } from './layout';

/** Writes a mail in the caller's transaction: it is sent if and only if the change commits. */
export async function enqueueMail(
  tx: Prisma.TransactionClient,
  to: string,
  mail: MailContent,
  now: Date,
): Promise<void> {
  await tx.outboxMail.create({
    data: {
      kind: mail.kind,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      createdAt: now,
      nextAttemptAt: now,
    },
  });
}
