import type { LoginInput, LoginOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { accountDisabled, AuthError, invalidCredentials } from '../errors';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../password';
import { createMfaChallenge } from '../two-factor/challenge';
import { openSession } from '../sessions/open';
import { findSignInAccount } from '../account/sign-in-account';

/** Unknown email and wrong password fail alike, in body and in time (a bcrypt compare runs
 * either way). A right password on a disabled or unverified account is told so: only the owner
 * knows it (ADR 153). With two-factor on, the right password earns only a challenge for the
 * second step. */
export async function login(
  ctx: AuthContext,
  data: LoginInput,
  meta: RequestMeta,
): Promise<LoginOutput> {
  const user = await findSignInAccount(ctx.prisma, data.email);
  const hash = user?.passwordHash ?? (await dummyHash(ctx));
  const matches = await verifyPassword(ctx, data.password, hash);

  if (!user?.passwordHash || !matches) {
    await recordAudit(
      ctx.prisma,
      { type: 'login_failure', userId: user?.id ?? null, email: data.email },
      meta,
    );
    throw invalidCredentials();
  }
  if (!user.isActive) {
    await recordAudit(
      ctx.prisma,
      { type: 'login_failure', userId: user.id, detail: { reason: 'account_disabled' } },
      meta,
    );
    throw accountDisabled();
  }
  if (!user.verified) {
    throw new AuthError(
      'account_not_verified',
      'This account is not verified yet. Enter the code we emailed you.',
    );
  }
  if (needsRehash(user.passwordHash, ctx.config.bcryptCost)) {
    const upgraded = await hashPassword(ctx, data.password);
    await ctx.prisma.password.update({ where: { userId: user.id }, data: { hash: upgraded } });
  }
  if (user.twoFactor) {
    const challenge = await createMfaChallenge(ctx, user.id);
    await recordAudit(ctx.prisma, { type: 'login_mfa_challenge', userId: user.id }, meta);
    return challenge;
  }
  await ctx.keys.ready(); // signing happens inside the transaction below
  const pair = await ctx.prisma.$transaction((tx) => openSession(ctx, tx, user, meta));
  await recordAudit(ctx.prisma, { type: 'login_success', userId: user.id }, meta);
  return pair;
}
