import { usernameKey, type ProfileOutput, type UpdateProfileInput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { fieldError } from '../errors';
import { isUniqueViolation } from '../unique-violation';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { profileSelect, toProfile } from '../account/profile-view';
import { emitEvent } from '../webhooks/emit';

const usernameTaken = () =>
  fieldError('username', 'A user with that username already exists.', 'username_taken');

/** Edits username and phone number under the registration rules (a username is taken when its
 * case-insensitive key is: `Admin` and `admin` are one name); a taken username is a field error,
 * as at registration. */
export async function updateProfile(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  changes: UpdateProfileInput,
  meta: RequestMeta,
): Promise<ProfileOutput> {
  const { username, phone_number: phoneNumber } = changes;
  if (username !== undefined) {
    const holder = await ctx.prisma.user.findUnique({
      where: { usernameKey: usernameKey(username) },
      select: { id: true },
    });
    if (holder && holder.id !== auth.userId) throw usernameTaken();
  }
  try {
    const profile = await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id: auth.userId },
        data: {
          ...(username === undefined ? {} : { username, usernameKey: usernameKey(username) }),
          ...(phoneNumber === undefined ? {} : { phoneNumber }),
        },
        select: profileSelect,
      });
      const fields = Object.keys(changes).filter(
        (key) => changes[key as keyof UpdateProfileInput] !== undefined,
      );
      await recordAudit(
        tx,
        { type: 'profile_update', userId: auth.userId, detail: { fields } },
        meta,
      );
      await emitEvent(tx, ctx.clock.now(), {
        type: 'user.updated',
        data: { user_id: auth.userId, changes: { username, phone_number: phoneNumber } },
      });
      return toProfile(user);
    });
    // This process reads its own write at once; others hear of it from the users trigger.
    ctx.cache.forgetUser(auth.userId);
    return profile;
  } catch (error) {
    // A parallel request took the username first.
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
}
