import type {
  IdentitiesOutput,
  MessageOutput,
  ProvidersOutput,
  UnlinkIdentityInput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { AuthError } from '../errors';
import { assertReauthenticated } from '../account/reauthenticate';
import { signInMethodCount } from '../account/sign-in-methods';
import { enqueueMail } from '../mail/outbox';
import { identityUnlinkedMail } from '../mail/identity-templates';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { emitEvent } from '../webhooks/emit';

/** The providers people can sign in with here, for the sign-in page's buttons. */
export function listProviders(ctx: AuthContext): ProvidersOutput {
  return { providers: ctx.oidc.list().map(({ id, name }) => ({ id, name })) };
}

const nameOf = (ctx: AuthContext, provider: string) => ctx.oidc.get(provider)?.name ?? provider;

/** The provider identities linked to an account, and whether it has a password. For the
 * account page, and for anything else that shows an account's sign-in methods. */
export async function listIdentities(ctx: AuthContext, userId: string): Promise<IdentitiesOutput> {
  const [identities, passwords] = await Promise.all([
    ctx.prisma.externalIdentity.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { provider: true, email: true, createdAt: true, lastUsedAt: true },
    }),
    ctx.prisma.password.count({ where: { userId } }),
  ]);
  return {
    has_password: passwords > 0,
    identities: identities.map((identity) => ({
      provider: identity.provider,
      provider_name: nameOf(ctx, identity.provider),
      email: identity.email,
      linked_at: identity.createdAt.toISOString(),
      last_used_at: identity.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

/** Removes a linked provider, after a re-authentication, unless it is the account's last way to
 * sign in. The user row is locked while counting, so two removals at once cannot both pass. */
export async function unlinkIdentity(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: UnlinkIdentityInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  await assertReauthenticated(ctx, user, input);
  const name = nameOf(ctx, input.provider);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${user.userId}::uuid FOR UPDATE`;
    const identity = await tx.externalIdentity.findUnique({
      where: { userId_provider: { userId: user.userId, provider: input.provider } },
      select: { id: true },
    });
    if (!identity) throw new AuthError('not_found', `No ${name} account is linked.`);
    if ((await signInMethodCount(tx, user.userId)) <= 1) {
      throw new AuthError(
        'last_sign_in_method',
        `${name} is the only way to sign in to this account: set a password first.`,
      );
    }
    await tx.externalIdentity.delete({ where: { id: identity.id } });
    const now = ctx.clock.now();
    await enqueueMail(ctx, tx, user.profile.email, identityUnlinkedMail(ctx.config, name), now);
    await emitEvent(tx, now, {
      type: 'identity.unlinked',
      data: { user_id: user.userId, provider: input.provider },
    });
    await recordAudit(
      tx,
      { type: 'identity_unlinked', userId: user.userId, detail: { provider: input.provider } },
      meta,
    );
  });
  ctx.mailQueued();
  return { message: `${name} no longer signs in to your account.` };
}
