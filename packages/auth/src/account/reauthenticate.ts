import type { ReauthenticationInput } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { AuthError, fieldError } from '../errors';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { spendSecondFactor } from '../two-factor/second-factor';
import { wrongSecondFactor } from '../two-factor/errors';
import { assertCurrentPassword } from './current-password';

/** A sign-in this recent stands for a re-authentication when the account has nothing else to
 * prove itself with (no password, no second factor). */
const RECENT_SIGN_IN_SECONDS = 10 * 60;

/** Proof that the person at the keyboard owns the account, before a change to how it signs in:
 * the password when the account has one; otherwise a code from the authenticator app or a
 * recovery code when two-factor is on; otherwise a sign-in of the last ten minutes. */
export async function assertReauthenticated(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: ReauthenticationInput,
): Promise<void> {
  const account = await ctx.prisma.user.findUniqueOrThrow({
    where: { id: user.userId },
    select: {
      password: { select: { userId: true } },
      totp: { select: { confirmedAt: true } },
    },
  });
  if (account.password) {
    if (input.password === undefined) throw fieldError('password', 'Enter your password.');
    await assertCurrentPassword(ctx, user.userId, input.password, 'password');
    return;
  }
  if (account.totp?.confirmedAt) {
    if (input.code === undefined && input.recovery_code === undefined) {
      throw fieldError('code', 'Enter a code from your authenticator app.');
    }
    const spent = await ctx.prisma.$transaction((tx) =>
      spendSecondFactor(ctx, tx, user.userId, input),
    );
    if (!spent) throw wrongSecondFactor(input.code === undefined ? 'recovery_code' : 'code');
    return;
  }
  const session = await ctx.prisma.session.findUnique({
    where: { id: user.sessionId },
    select: { createdAt: true },
  });
  const recent = ctx.clock.now().getTime() - RECENT_SIGN_IN_SECONDS * 1000;
  if (!session || session.createdAt.getTime() < recent) {
    throw new AuthError(
      'reauthentication_required',
      'For your security, sign out and sign in again, then retry within ten minutes.',
    );
  }
}
