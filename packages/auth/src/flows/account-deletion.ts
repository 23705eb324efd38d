import type { DeleteAccountInput, MessageOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { tokenNotValid } from '../errors';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { assertCurrentPassword } from '../account/current-password';
import { eraseAccount } from '../account/erase';
import { requireStepUp } from '../two-factor/step-up';

/** The owner deletes the account, password confirmed (and, with two-factor on, a second
 * factor: step-up). Audit rows stay, reduced to event type and time. */
export async function deleteAccount(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  data: DeleteAccountInput,
): Promise<MessageOutput> {
  await assertCurrentPassword(ctx, auth.userId, data.password, 'password');
  await ctx.prisma.$transaction(async (tx) => {
    await requireStepUp(ctx, tx, auth.userId, data);
    // A parallel request deleted it first: this one changes nothing.
    if (!(await eraseAccount(ctx, tx, { userId: auth.userId, email: auth.profile.email }))) {
      throw tokenNotValid();
    }
    await recordAudit(tx, { type: 'account_delete' }, {});
  });
  ctx.mailQueued();
  return { message: 'Your account was deleted. A confirmation was sent to your address.' };
}
