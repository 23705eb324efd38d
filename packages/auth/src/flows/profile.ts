import { usernameKey, type ProfileOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { fieldError } from '../errors';
import { isUniqueViolation } from '../unique-violation';
import type { AuthenticatedUser } from './account';
import { profileSelect, toProfile } from './profile-view';

export interface ProfileChanges {
  username?: string | undefined;
  phone_number?: string | undefined;
}

const usernameTaken = () =>
  fieldError('username', 'A user with that username already exists.', 'username_taken');

/** Edits username and phone number under the registration rules (a username is taken when its
 * case-insensitive key is: `Admin` and `admin` are one name); a taken username is a field error,
 * as at registration. */
export async function updateProfile(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  changes: ProfileChanges,
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
        (key) => changes[key as keyof ProfileChanges] !== undefined,
      );
      await recordAudit(
        tx,
        { type: 'profile_update', userId: auth.userId, detail: { fields } },
        meta,
      );
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
