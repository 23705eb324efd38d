import type { ProfileOutput } from '@otp-auth/validators';
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

/** Edits username and phone number under the registration rules; a taken username is a field
 * error (the username is public within the product, so saying so leaks nothing new). */
export async function updateProfile(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  changes: ProfileChanges,
  meta: RequestMeta,
): Promise<ProfileOutput> {
  const { username, phone_number: phoneNumber } = changes;
  if (username !== undefined && username !== auth.profile.username) {
    const holder = await ctx.prisma.user.findUnique({ where: { username }, select: { id: true } });
    if (holder && holder.id !== auth.userId) throw usernameTaken();
  }
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id: auth.userId },
        data: {
          ...(username === undefined ? {} : { username }),
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
  } catch (error) {
    // A parallel request took the username first.
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
}
