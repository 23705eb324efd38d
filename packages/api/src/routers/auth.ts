import {
  forgotPassword,
  login,
  logout,
  logoutAll,
  refresh,
  register,
  resendOtp,
  resetPassword,
  verifyOtp,
} from '@otp-auth/auth';
import {
  forgotPasswordInput,
  loginInput,
  loginOutput,
  logoutInput,
  messageOutput,
  refreshInput,
  registerInput,
  registerOutput,
  resendOtpInput,
  resetPasswordInput,
  tokenPairOutput,
  verifyOtpInput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { loginProcedure, protectedProcedure, publicProcedure, rateLimitedProcedure } from '../trpc';

/** REST paths as the original contract writes them; `protect` marks the Bearer ones. */
const open = { protect: false, tags: ['auth'] };
const bearer = { protect: true, tags: ['auth'] };
const recovery = { protect: false, tags: ['recovery'] };

export const authRouter = {
  register: rateLimitedProcedure('register')
    .meta({
      openapi: {
        operationId: 'auth.register',
        method: 'POST',
        path: '/api/register/',
        ...open,
        summary: 'Register; mails a code',
      },
      successStatus: 201,
    })
    .input(registerInput)
    .output(registerOutput)
    .mutation(({ ctx, input }) => register(ctx.auth, input, ctx.meta)),

  verifyOtp: rateLimitedProcedure('verify')
    .meta({
      openapi: {
        operationId: 'auth.verifyOtp',
        method: 'POST',
        path: '/api/otp/verify/',
        ...open,
        summary: 'Verify the mailed code',
      },
    })
    .input(verifyOtpInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => verifyOtp(ctx.auth, input, ctx.meta)),

  resendOtp: rateLimitedProcedure('resend')
    .meta({
      openapi: {
        operationId: 'auth.resendOtp',
        method: 'POST',
        path: '/api/otp/resend/',
        ...open,
        summary: 'Mail a new code',
      },
    })
    .input(resendOtpInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => resendOtp(ctx.auth, input)),

  login: loginProcedure
    .meta({
      openapi: {
        operationId: 'auth.login',
        method: 'POST',
        path: '/api/login/',
        ...open,
        summary: 'Log in for a token pair (or a second step when two-factor is on)',
        // Wrong credentials; the right password of an account not verified yet.
        errorResponses: [401, 403],
      },
    })
    .input(loginInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => login(ctx.auth, input, ctx.meta)),

  refresh: rateLimitedProcedure('refresh')
    .meta({
      openapi: {
        operationId: 'auth.refresh',
        method: 'POST',
        path: '/api/token/refresh/',
        ...open,
        summary: 'Rotate the token pair',
        errorResponses: [401],
      },
    })
    .input(refreshInput)
    .output(tokenPairOutput)
    .mutation(({ ctx, input }) => refresh(ctx.auth, input, ctx.meta)),

  logout: publicProcedure
    .meta({
      openapi: {
        operationId: 'auth.logout',
        method: 'POST',
        path: '/api/logout/',
        ...open,
        summary: 'End the session of a refresh token',
        errorResponses: [401],
      },
    })
    .input(logoutInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => logout(ctx.auth, input, ctx.meta)),

  logoutAll: protectedProcedure
    .meta({
      openapi: {
        operationId: 'auth.logoutAll',
        method: 'POST',
        path: '/api/logout/all/',
        ...bearer,
        summary: 'End every session',
      },
    })
    .output(messageOutput)
    .mutation(({ ctx }) => logoutAll(ctx.auth, ctx.user, ctx.meta)),

  // Forgot password: a code by mail, then a new password with it.
  forgotPassword: rateLimitedProcedure('forgot_password')
    .meta({
      openapi: {
        operationId: 'auth.forgotPassword',
        method: 'POST',
        path: '/api/password/forgot/',
        ...recovery,
        summary: 'Mail a password reset code (same answer for every address)',
      },
    })
    .input(forgotPasswordInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => forgotPassword(ctx.auth, input)),

  resetPassword: rateLimitedProcedure('reset_password')
    .meta({
      openapi: {
        operationId: 'auth.resetPassword',
        method: 'POST',
        path: '/api/password/forgot/confirm/',
        ...recovery,
        summary: 'Set a new password with the mailed code; ends every session',
      },
    })
    .input(resetPasswordInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => resetPassword(ctx.auth, input, ctx.meta)),
} satisfies TRPCRouterRecord;
