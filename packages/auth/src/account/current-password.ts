import type { AuthContext } from '../context';
import { fieldError } from '../errors';
import { verifyPassword } from '../password';

/** A confirmation with the account's current password; a wrong one is a field error. */
export async function assertCurrentPassword(
  ctx: AuthContext,
  userId: string,
  password: string,
  field: string,
): Promise<void> {
  const stored = await ctx.prisma.password.findUnique({
    where: { userId },
    select: { hash: true },
  });
  if (!stored || !(await verifyPassword(password, stored.hash))) {
    throw fieldError(field, 'Wrong password.');
  }
}
