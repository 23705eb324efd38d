import type { Prisma } from '@otp-auth/db';
import { emailField, usernameKey, type TokenPairOutput } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { recordAudit } from '../audit';
import { accountDisabled, AuthError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { identityLinkedMail } from '../mail/identity-templates';
import { openSession } from '../sessions/open';
import { createMfaChallenge } from '../two-factor/challenge';
import { isUniqueViolation } from '../unique-violation';
import { emitEvent } from '../webhooks/emit';
import { freeUsername, NO_PHONE_NUMBER, usernameBase } from './new-account';
import type { ExternalProfile } from './profile';
import type { ExternalProvider } from './providers';

type Tx = Prisma.TransactionClient;

export type SignInOutcome =
  { kind: 'session'; tokens: TokenPairOutput } | { kind: 'second_factor'; mfaToken: string };

/** The provider's address, as our rules write addresses; null when it has none we accept. */
function normalizedEmail(profile: ExternalProfile): string | null {
  if (profile.email === null) return null;
  const parsed = emailField.safeParse(profile.email);
  return parsed.success ? parsed.data : null;
}

const shownEmail = (profile: ExternalProfile) =>
  normalizedEmail(profile) ?? profile.email?.slice(0, 320) ?? null;

/** An identity signs in to the account it is linked to. A new identity whose verified address
 * matches no account makes a verified account; one whose verified address matches a verified
 * account is linked to it (and the owner told by mail). Anything else is refused: an address
 * the provider did not verify proves nothing, and an unverified local account may belong to
 * someone else than the person who registered it (docs/decisions/140). */
export async function completeSignIn(
  ctx: AuthContext,
  provider: ExternalProvider,
  profile: ExternalProfile,
  meta: RequestMeta,
): Promise<SignInOutcome> {
  await ctx.keys.ready(); // signing happens inside the transactions below
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await ctx.prisma.$transaction((tx) =>
        signIn(ctx, tx, provider, profile, meta),
      );
      ctx.mailQueued(); // an implicit link mails its notice
      return outcome;
    } catch (error) {
      // A parallel callback made the same account or identity first: its result stands, and the
      // next attempt finds it.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

async function signIn(
  ctx: AuthContext,
  tx: Tx,
  provider: ExternalProvider,
  profile: ExternalProfile,
  meta: RequestMeta,
): Promise<SignInOutcome> {
  const now = ctx.clock.now();
  const known = await tx.externalIdentity.findUnique({
    where: { provider_subject: { provider: provider.id, subject: profile.subject } },
    select: { id: true, userId: true },
  });
  if (known) {
    await tx.externalIdentity.update({
      where: { id: known.id },
      data: { lastUsedAt: now, email: shownEmail(profile) },
    });
    return openFor(ctx, tx, known.userId, provider, meta);
  }

  const email = normalizedEmail(profile);
  if (email === null) {
    throw new AuthError('oidc_email_missing', `${provider.name} gave no email address.`);
  }
  if (!profile.emailVerified) {
    throw new AuthError('oidc_email_unverified', `${provider.name} has not verified your address.`);
  }
  const owner = await tx.user.findUnique({
    where: { email },
    select: { id: true, emailVerifiedAt: true },
  });
  if (owner) {
    if (!owner.emailVerifiedAt) {
      throw new AuthError(
        'oidc_account_exists',
        'An account with this address exists: sign in to it, then link from your account page.',
      );
    }
    await addIdentity(ctx, tx, owner.id, provider, profile, meta);
    return openFor(ctx, tx, owner.id, provider, meta);
  }

  const user = await tx.user.create({
    data: {
      email,
      ...(await usernameFields(tx, profile, email)),
      phoneNumber: NO_PHONE_NUMBER,
      emailVerifiedAt: now,
      identities: {
        create: {
          provider: provider.id,
          subject: profile.subject,
          email: shownEmail(profile),
          createdAt: now,
          lastUsedAt: now,
        },
      },
    },
    select: { id: true, username: true },
  });
  await recordAudit(
    tx,
    { type: 'register', userId: user.id, email, detail: { provider: provider.id } },
    meta,
  );
  // The provider proved the address: the account is made verified, with its identity linked.
  await emitEvent(
    tx,
    now,
    { type: 'user.created', data: { user_id: user.id, email, username: user.username } },
    { type: 'user.verified', data: { user_id: user.id, email } },
    { type: 'identity.linked', data: { user_id: user.id, provider: provider.id } },
  );
  return openFor(ctx, tx, user.id, provider, meta);
}

async function usernameFields(tx: Tx, profile: ExternalProfile, email: string) {
  const username = await freeUsername(tx, usernameBase(profile.usernameHint, email));
  return { username, usernameKey: usernameKey(username) };
}

/** A session, or with two-factor on, the challenge of the second step. */
async function openFor(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  provider: ExternalProvider,
  meta: RequestMeta,
): Promise<SignInOutcome> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { isActive: true, role: true, totp: { select: { confirmedAt: true } } },
  });
  if (!user.isActive) {
    throw accountDisabled();
  }
  if (user.totp?.confirmedAt) {
    const challenge = await createMfaChallenge(ctx, userId, tx);
    await recordAudit(
      tx,
      { type: 'login_mfa_challenge', userId, detail: { provider: provider.id } },
      meta,
    );
    return { kind: 'second_factor', mfaToken: challenge.mfa_token };
  }
  const tokens = await openSession(ctx, tx, { id: userId, role: user.role }, meta);
  await recordAudit(tx, { type: 'login_success', userId, detail: { provider: provider.id } }, meta);
  return { kind: 'session', tokens };
}

async function addIdentity(
  ctx: AuthContext,
  tx: Tx,
  userId: string,
  provider: ExternalProvider,
  profile: ExternalProfile,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.clock.now();
  const user = await tx.externalIdentity.create({
    data: {
      userId,
      provider: provider.id,
      subject: profile.subject,
      email: shownEmail(profile),
      createdAt: now,
      lastUsedAt: now,
    },
    select: { user: { select: { email: true } } },
  });
  await enqueueMail(ctx, tx, user.user.email, identityLinkedMail(ctx.config, provider.name), now);
  await recordAudit(
    tx,
    { type: 'identity_linked', userId, detail: { provider: provider.id } },
    meta,
  );
  await emitEvent(tx, now, {
    type: 'identity.linked',
    data: { user_id: userId, provider: provider.id },
  });
}

/** The callback of a link started from the account page: the identity joins that account,
 * unless it already signs in to another one, or the account already has this provider. */
export async function completeLink(
  ctx: AuthContext,
  provider: ExternalProvider,
  userId: string,
  profile: ExternalProfile,
  meta: RequestMeta,
): Promise<void> {
  try {
    await ctx.prisma.$transaction(async (tx) => {
      const known = await tx.externalIdentity.findUnique({
        where: { provider_subject: { provider: provider.id, subject: profile.subject } },
        select: { userId: true },
      });
      if (known?.userId === userId) return; // linked already: nothing to do
      if (known) {
        throw new AuthError(
          'oidc_identity_taken',
          `This ${provider.name} account already signs in to another account.`,
        );
      }
      await addIdentity(ctx, tx, userId, provider, profile, meta);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AuthError('oidc_already_linked', `A ${provider.name} account is already linked.`);
  }
  ctx.mailQueued();
}
