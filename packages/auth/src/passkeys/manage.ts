import type {
  MessageOutput,
  PasskeyOutput,
  PasskeyRemoveInput,
  PasskeyRenameInput,
  PasskeysOutput,
} from '@otp-auth/validators';
import { assertReauthenticated } from '../account/reauthenticate';
import { signInMethodCount } from '../account/sign-in-methods';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { passkeyRemovedMail } from '../mail/passkey-templates';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { emitEvent } from '../webhooks/emit';
import { passkeySelect, toPasskeyOutput } from './view';

const passkeyNotFound = () => new AuthError('not_found', 'No such passkey on your account.');

export async function listPasskeys(ctx: AuthContext, userId: string): Promise<PasskeysOutput> {
  const rows = await ctx.prisma.passkey.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: passkeySelect,
  });
  return { passkeys: rows.map(toPasskeyOutput) };
}

export async function renamePasskey(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: PasskeyRenameInput,
  meta: RequestMeta,
): Promise<PasskeyOutput> {
  return ctx.prisma.$transaction(async (tx) => {
    const [row] = await tx.passkey.updateManyAndReturn({
      where: { id: input.id, userId: user.userId },
      data: { name: input.name },
      select: passkeySelect,
    });
    if (!row) throw passkeyNotFound();
    await recordAudit(
      tx,
      { type: 'passkey_renamed', userId: user.userId, detail: { passkey_id: row.id } },
      meta,
    );
    return toPasskeyOutput(row);
  });
}

/** Removes a passkey, after a re-authentication, unless it is the account's last way to sign
 * in. The user row is locked while counting, so two removals at once cannot both pass. */
export async function removePasskey(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: PasskeyRemoveInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  await assertReauthenticated(ctx, user, input);
  const name = await ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${user.userId}::uuid FOR UPDATE`;
    const passkey = await tx.passkey.findFirst({
      where: { id: input.id, userId: user.userId },
      select: { id: true, name: true },
    });
    if (!passkey) throw passkeyNotFound();
    if ((await signInMethodCount(tx, user.userId)) <= 1) {
      throw new AuthError(
        'last_sign_in_method',
        'This passkey is the only way to sign in to this account: set a password first.',
      );
    }
    await tx.passkey.delete({ where: { id: passkey.id } });
    const now = ctx.clock.now();
    await enqueueMail(
      ctx,
      tx,
      user.profile.email,
      passkeyRemovedMail(ctx.config, passkey.name),
      now,
    );
    await recordAudit(
      tx,
      { type: 'passkey_removed', userId: user.userId, detail: { passkey_id: passkey.id } },
      meta,
    );
    await emitEvent(tx, now, {
      type: 'passkey.removed',
      data: { user_id: user.userId, passkey_id: passkey.id },
    });
    return passkey.name;
  });
  ctx.mailQueued();
  return { message: `The passkey "${name}" no longer signs in to your account.` };
}
