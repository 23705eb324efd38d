import {
  AuthError,
  changePassword,
  login,
  loginSecondStep,
  logout,
  refresh,
  signInWithPasskey,
  tokenNotValid,
} from '@otp-auth/auth';
import {
  changePasswordInput,
  loginInput,
  loginSecondStepInput,
  messageOutput,
  mfaRequiredOutput,
  passkeySignInInput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { RefreshCookie } from '../browser-cookie';
import type { Context } from '../context';
import {
  loginProcedure,
  mfaLoginProcedure,
  publicProcedure,
  rateLimitedProcedure,
  rateLimitedProtectedProcedure,
} from '../trpc';

/** Browser sessions: the refresh token travels only in an httpOnly cookie, never in a body a
 * page script could read. The access token is returned for the app to keep in memory. */
const accessOutput = z.object({ access: z.string().describe('JWT access token.') });

/** The cookie, if the call came through an adapter that has one and from the app's own script. */
function refreshCookieOf(ctx: Context): RefreshCookie {
  const cookie = ctx.refreshCookie;
  if (!cookie?.fromOwnScript) {
    throw new AuthError('invalid_input', 'Browser session calls need the X-Requested-With header.');
  }
  return cookie;
}

export const browserRouter = {
  // The same limits as the bearer procedures: a cookie is no way around them.
  login: loginProcedure
    .input(loginInput)
    .output(z.union([accessOutput, mfaRequiredOutput]))
    .mutation(async ({ ctx, input }) => {
      const cookie = refreshCookieOf(ctx);
      const result = await login(ctx.auth, input, ctx.meta);
      if ('mfa_required' in result) return result;
      cookie.set(result.refresh);
      return { access: result.access };
    }),
  /** The second step of a browser sign-in, for an account with two-factor on. */
  loginSecondStep: mfaLoginProcedure
    .input(loginSecondStepInput)
    .output(accessOutput)
    .mutation(async ({ ctx, input }) => {
      const cookie = refreshCookieOf(ctx);
      const pair = await loginSecondStep(ctx.auth, input, ctx.meta);
      cookie.set(pair.refresh);
      return { access: pair.access };
    }),
  /** A usernameless sign-in with a passkey: the session in the cookie, no second step. */
  passkeySignIn: rateLimitedProcedure('login')
    .input(passkeySignInInput)
    .output(accessOutput)
    .mutation(async ({ ctx, input }) => {
      const cookie = refreshCookieOf(ctx);
      const pair = await signInWithPasskey(ctx.auth, input, ctx.meta);
      cookie.set(pair.refresh);
      return { access: pair.access };
    }),
  refresh: rateLimitedProcedure('refresh')
    .output(accessOutput)
    .mutation(async ({ ctx }) => {
      const cookie = refreshCookieOf(ctx);
      if (!cookie.value) throw tokenNotValid();
      try {
        const pair = await refresh(ctx.auth, { refresh: cookie.value }, ctx.meta);
        cookie.set(pair.refresh);
        return { access: pair.access };
      } catch (error) {
        // A dead refresh token is of no use to anyone: drop it so the app shows the signed-out state.
        if (error instanceof AuthError && error.code === 'token_not_valid') cookie.clear();
        throw error;
      }
    }),
  logout: publicProcedure.output(messageOutput).mutation(async ({ ctx }) => {
    const cookie = refreshCookieOf(ctx);
    if (cookie.value) {
      await logout(ctx.auth, { refresh_token: cookie.value }, ctx.meta).catch((error: unknown) => {
        // Signing out with a token that is already dead still signs out.
        if (!(error instanceof AuthError && error.code === 'token_not_valid')) throw error;
      });
    }
    cookie.clear();
    return { message: 'Logged out.' };
  }),
  changePassword: rateLimitedProtectedProcedure('change_password')
    .input(changePasswordInput)
    .output(messageOutput.extend(accessOutput.shape))
    .mutation(async ({ ctx, input }) => {
      const cookie = refreshCookieOf(ctx);
      const result = await changePassword(ctx.auth, ctx.user, input, ctx.meta);
      cookie.set(result.refresh);
      return { message: result.message, access: result.access };
    }),
} satisfies TRPCRouterRecord;
