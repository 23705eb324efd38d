import type { AuthContext } from '../context';
import { fieldError } from '../errors';
import { verifyPassword } from '../password';

/** A confirmation with the account's current password; a wrong one (or none) is a field
 * error. */
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
  // An account made through a provider has none until its owner sets one (ADR 141).
  if (!stored) {
    throw fieldError(field, 'Your account has no password yet: set one with "Forgot password?".');
  }
  if (!(await verifyPassword(ctx, password, stored.hash)))
    throw fieldError(field, 'Wrong password.');
}
