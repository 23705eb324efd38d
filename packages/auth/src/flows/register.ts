import { usernameKey, type RegisterInput, type RegisterOutput } from '@otp-auth/validators';
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
import { emitEvent } from '../webhooks/emit';

const REGISTERED: Omit<RegisterOutput, 'email'> = {
  message: 'Registration received. Check your email for the 6-digit verification code.',
};

/** Answers the same whether the email is new, pending or verified: only the owner of the
 * address learns, by mail, which it was. */
export async function register(
  ctx: AuthContext,
  data: RegisterInput,
  meta: RequestMeta,
): Promise<RegisterOutput> {
  assertPasswordAllowed(data.password, data);
  // Hash before looking anything up, so every branch costs the same bcrypt time.
  const hash = await hashPassword(ctx, data.password);
  const response = { ...REGISTERED, email: data.email };

  const existing = await ctx.prisma.user.findUnique({
    where: { email: data.email },
    select: { id: true, emailVerifiedAt: true },
  });
  if (existing) {
    await answerExistingOwner(ctx, existing, data.email, meta);
    return response;
  }

  const usernameOwner = await ctx.prisma.user.findUnique({
    where: { usernameKey: usernameKey(data.username) },
    select: { id: true, email: true, emailVerifiedAt: true },
  });
  // Taken by this very address: a parallel registration of it has just been created.
  if (usernameOwner?.email === data.email) {
    await answerExistingOwner(ctx, usernameOwner, data.email, meta);
    return response;
  }
  if (usernameOwner) throw usernameTakenError();

  try {
    await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: data.email,
          username: data.username,
          usernameKey: usernameKey(data.username),
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
    // A parallel registration won the race for this email or username.
    if (!isUniqueViolation(error)) throw error;
    const raced = await ctx.prisma.user.findUnique({
      where: { email: data.email },
      select: { id: true },
    });
    if (!raced) throw usernameTakenError();
    return response;
  }
  ctx.mailQueued();
  return response;
}

async function answerExistingOwner(
  ctx: AuthContext,
  user: { id: string; emailVerifiedAt: Date | null },
  email: string,
  meta: RequestMeta,
): Promise<void> {
  const queued = await ctx.prisma.$transaction(async (tx) => {
    await recordAudit(tx, { type: 'register_existing', userId: user.id, email }, meta);
    if (!(await maySendCode(ctx, tx, 'verify_email', email))) return false;
    if (user.emailVerifiedAt) {
      await enqueueMail(tx, email, registrationAttemptMail(ctx.config), ctx.clock.now());
      // The decoy's cooldown also keeps the owner from being flooded with these mails.
      await issueDecoy(ctx, tx, 'verify_email', email);
    } else {
      await issueCode(ctx, tx, 'verify_email', { email, userId: user.id });
    }
    return true;
  });
  if (queued) ctx.mailQueued();
}

function usernameTakenError() {
  return fieldError('username', 'A user with that username already exists.', 'username_taken');
}
