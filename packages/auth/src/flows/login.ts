import type { LoginOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext, RequestMeta } from '../context';
import { AuthError, invalidCredentials } from '../errors';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../password';
import { createMfaChallenge } from '../two-factor/challenge';
import { startSession } from './sessions';

/** Unknown email and wrong password fail alike, in body and in time (a bcrypt compare runs
 * either way). A right password on an unverified account is told so: only the owner knows it.
 * With two-factor on, the right password earns only a challenge for the second step. */
export async function login(
  ctx: AuthContext,
  data: { email: string; password: string },
  meta: RequestMeta,
): Promise<LoginOutput> {
  const user = await ctx.prisma.user.findUnique({
    where: { email: data.email },
    select: {
      id: true,
      isActive: true,
      emailVerifiedAt: true,
      password: { select: { hash: true } },
      totp: { select: { confirmedAt: true } },
    },
  });
  const hash = user?.password?.hash ?? (await dummyHash(ctx.config.bcryptCost));
  const matches = await verifyPassword(data.password, hash);

  if (!user || !user.password || !matches || !user.isActive) {
    await recordAudit(
      ctx.prisma,
      { type: 'login_failure', userId: user?.id ?? null, email: data.email },
      meta,
    );
    throw invalidCredentials();
  }
  if (!user.emailVerifiedAt) {
    throw new AuthError(
      'account_not_verified',
      'This account is not verified yet. Enter the code we emailed you.',
    );
  }
  if (needsRehash(user.password.hash, ctx.config.bcryptCost)) {
    const upgraded = await hashPassword(data.password, ctx.config.bcryptCost);
    await ctx.prisma.password.update({ where: { userId: user.id }, data: { hash: upgraded } });
  }
  if (user.totp?.confirmedAt) {
    const challenge = await createMfaChallenge(ctx, user.id);
    await recordAudit(ctx.prisma, { type: 'login_mfa_challenge', userId: user.id }, meta);
    return challenge;
  }
  const pair = await startSession(ctx, user.id, meta);
  await recordAudit(ctx.prisma, { type: 'login_success', userId: user.id }, meta);
  return pair;
}
