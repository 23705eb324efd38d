// A new registration for an address that is still pending replaces the earlier one (ADR 123):
// whoever proves the inbox verifies the registration the live code was mailed for, never an
// earlier registrant's password.
import type { Prisma } from '@otp-auth/db';
import type { RegisterInput } from '@otp-auth/validators';
import { usernameKey } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { issueCode, killCode, underHourlyCap } from '../codes/issue';
import { emitEvent } from '../webhooks/emit';

type Tx = Prisma.TransactionClient;

/** Puts this registration's password, username and phone number on the pending account, and
 * mails a code for it; every earlier code dies. The resend cooldown does not hold this code back
 * (this is a new registration, and its registrant needs its own code), the hourly cap does:
 * past it, the earlier code still dies and a resend later brings a code for this registration.
 * Answers whether a mail was queued; false too when the account was verified meanwhile. */
export async function replacePendingRegistration(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  data: RegisterInput,
  hash: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  // Locks the row: a parallel registration or verification of this account waits for us.
  const replaced = await tx.user.updateMany({
    where: { id: userId, emailVerifiedAt: null },
    data: {
      username: data.username,
      usernameKey: usernameKey(data.username),
      phoneNumber: data.phone_number,
      // A fresh registration: the pending-account lifetime starts again.
      dateJoined: now,
    },
  });
  if (replaced.count === 0) return false;
  await tx.password.upsert({
    where: { userId },
    create: { userId, hash },
    update: { hash },
  });
  await emitEvent(tx, now, {
    type: 'user.updated',
    data: {
      user_id: userId,
      changes: { username: data.username, phone_number: data.phone_number },
    },
  });
  if (!(await underHourlyCap(ctx, tx, 'verify_email', data.email))) {
    await killCode(tx, 'verify_email', data.email);
    return false;
  }
  await issueCode(ctx, tx, 'verify_email', { email: data.email, userId });
  return true;
}
