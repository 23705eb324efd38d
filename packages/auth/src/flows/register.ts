import { usernameKey, type RegisterInput, type RegisterOutput } from '@otp-auth/validators';
import type { Prisma } from '@otp-auth/db';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { recordAudit } from '../audit';
import { fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { registrationAttemptMail } from '../mail/templates';
import { hashPassword } from '../password';
import { assertPasswordAllowed } from '../password-policy';
import { isUniqueViolation } from '../unique-violation';
import { issueCode, issueDecoy, maySendCode } from '../codes/issue';
import { replacePendingRegistration } from '../account/pending-registration';
import { emitEvent } from '../webhooks/emit';

const REGISTERED: Omit<RegisterOutput, 'email'> = {
  message: 'Registration received. Check your email for the 6-digit verification code.',
};

/** The answer depends on the username alone: a taken one is refused whatever the email (new,
 * pending or verified), a free one is accepted whatever the email. Only the owner of the
 * address learns, by mail, what the email was. */
export async function register(
  ctx: AuthContext,
  data: RegisterInput,
  meta: RequestMeta,
): Promise<RegisterOutput> {
  assertPasswordAllowed(data.password, data);
  // Hash before looking anything up, so every branch costs the same bcrypt time.
  const hash = await hashPassword(ctx, data.password);
  const response = { ...REGISTERED, email: data.email };
  const key = usernameKey(data.username);

  if (await usernameHeld(ctx, key)) throw usernameTakenError();
  const existing = await findByEmail(ctx, data.email);
  if (existing) {
    await answerExistingOwner(ctx, existing, data, hash, meta);
    return response;
  }

  try {
    await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: data.email,
          username: data.username,
          usernameKey: key,
          phoneNumber: data.phone_number,
          password: { create: { hash } },
        },
        select: { id: true },
      });
      await issueCode(ctx, tx, 'verify_email', { email: data.email, userId: user.id });
      await recordAudit(tx, { type: 'register', userId: user.id, email: data.email }, meta);
      await emitEvent(tx, ctx.clock.now(), {
        type: 'user.created',
        data: { user_id: user.id, email: data.email, username: data.username },
      });
    });
  } catch (error) {
    // A parallel registration won the race for this email or username. The username decides
    // the answer here too: taken now, refused; still free, the email was the one taken.
    if (!isUniqueViolation(error)) throw error;
    if (await usernameHeld(ctx, key)) throw usernameTakenError();
    const raced = await findByEmail(ctx, data.email);
    if (raced) await answerExistingOwner(ctx, raced, data, hash, meta);
    return response;
  }
  ctx.mailQueued();
  return response;
}

async function usernameHeld(
  ctx: AuthContext,
  key: string,
  db: Prisma.TransactionClient = ctx.prisma,
): Promise<boolean> {
  const holder = await db.user.findUnique({
    where: { usernameKey: key },
    select: { id: true },
  });
  return holder !== null;
}

function findByEmail(ctx: AuthContext, email: string) {
  return ctx.prisma.user.findUnique({
    where: { email },
    select: { id: true, emailVerifiedAt: true },
  });
}

/** A verified owner gets a "someone tried to register" mail; a pending account takes this
 * registration's credentials and a code for them (ADR 123). */
async function answerExistingOwner(
  ctx: AuthContext,
  user: { id: string; emailVerifiedAt: Date | null },
  data: RegisterInput,
  hash: string,
  meta: RequestMeta,
): Promise<void> {
  const { email } = data;
  let queued: boolean;
  try {
    queued = await ctx.prisma.$transaction(async (tx) => {
      // The account's row, locked: registrations of one address take turns, and each looks at
      // the username again once it is its turn (the one before may have just taken it).
      await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
      if (await usernameHeld(ctx, usernameKey(data.username), tx)) throw usernameTakenError();
      await recordAudit(tx, { type: 'register_existing', userId: user.id, email }, meta);
      if (!user.emailVerifiedAt) return replacePendingRegistration(ctx, tx, user.id, data, hash);
      if (!(await maySendCode(ctx, tx, 'verify_email', email))) return false;
      await enqueueMail(ctx, tx, email, registrationAttemptMail(ctx.config), ctx.clock.now());
      // The decoy's cooldown also keeps the owner from being flooded with these mails.
      await issueDecoy(ctx, tx, 'verify_email', email);
      return true;
    });
  } catch (error) {
    // A parallel registration took the username this one was to give the pending account.
    if (isUniqueViolation(error)) throw usernameTakenError();
    throw error;
  }
  if (queued) ctx.mailQueued();
}

function usernameTakenError() {
  return fieldError('username', 'A user with that username already exists.', 'username_taken');
}
