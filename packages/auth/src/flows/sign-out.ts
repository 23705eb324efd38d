import type { LogoutInput, MessageOutput } from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { revokeSessions } from '../sessions/revoke';

/** Ends the session the refresh token belongs to; its access tokens die with it. Logging out
 * twice is not an error. */
export async function logout(
  ctx: AuthContext,
  data: LogoutInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const claims = ctx.tokens.verifyRefresh(data.refresh_token);
  await ctx.prisma.$transaction(async (tx) => {
    const count = await revokeSessions(
      ctx,
      tx,
      { id: claims.sid, userId: claims.user_id },
      'logout',
    );
    if (count > 0) {
      await recordAudit(tx, { type: 'logout', userId: claims.user_id }, meta);
    }
  });
  return { message: 'Logged out.' };
}

/** Ends every session of the caller, this one included. */
export async function logoutAll(
  ctx: AuthContext,
  auth: AuthenticatedUser,
  meta: RequestMeta,
): Promise<MessageOutput> {
  const { userId } = auth;
  await ctx.prisma.$transaction(async (tx) => {
    const count = await revokeSessions(ctx, tx, { userId }, 'logout_all');
    await recordAudit(tx, { type: 'logout_all', userId, detail: { sessions: count } }, meta);
  });
  return { message: 'Logged out of every session.' };
}
