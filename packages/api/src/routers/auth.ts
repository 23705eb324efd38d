import { login, logout, logoutAll, refresh, register, resendOtp, verifyOtp } from '@otp-auth/auth';
import {
  loginInput,
  loginOutput,
  logoutInput,
  messageOutput,
  refreshInput,
  registerInput,
  registerOutput,
  resendOtpInput,
  tokenPairOutput,
  verifyOtpInput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure, publicProcedure, rateLimitedProcedure } from '../trpc';
import { recoveryProcedures } from './recovery';

/** REST paths as the original contract writes them; `protect` marks the Bearer ones. */
const open = { protect: false, tags: ['auth'] };
const bearer = { protect: true, tags: ['auth'] };

export const authRouter = {
  register: rateLimitedProcedure('register')
    .meta({
      openapi: {
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
      openapi: { method: 'POST', path: '/api/otp/resend/', ...open, summary: 'Mail a new code' },
    })
    .input(resendOtpInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => resendOtp(ctx.auth, input)),

  login: rateLimitedProcedure('login')
    .meta({
      openapi: {
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
        method: 'POST',
        path: '/api/logout/all/',
        ...bearer,
        summary: 'End every session',
      },
    })
    .output(messageOutput)
    .mutation(({ ctx }) => logoutAll(ctx.auth, ctx.user, ctx.meta)),

  ...recoveryProcedures,
} satisfies TRPCRouterRecord;
