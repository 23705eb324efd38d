import {
  loginInput,
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
import { rateLimitedProcedure } from '../rate-limit';
import { protectedProcedure, publicProcedure } from '../trpc';

export const authRouter = {
  register: rateLimitedProcedure('register')
    .input(registerInput)
    .output(registerOutput)
    .mutation(({ ctx, input }) => ctx.auth.register(input, ctx.meta)),

  verifyOtp: rateLimitedProcedure('verify')
    .input(verifyOtpInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => ctx.auth.verifyOtp(input, ctx.meta)),

  resendOtp: rateLimitedProcedure('resend')
    .input(resendOtpInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => ctx.auth.resendOtp(input)),

  login: rateLimitedProcedure('login')
    .input(loginInput)
    .output(tokenPairOutput)
    .mutation(({ ctx, input }) => ctx.auth.login(input, ctx.meta)),

  refresh: rateLimitedProcedure('refresh')
    .input(refreshInput)
    .output(tokenPairOutput)
    .mutation(({ ctx, input }) => ctx.auth.refresh(input.refresh, ctx.meta)),

  logout: publicProcedure
    .input(logoutInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => ctx.auth.logout(input.refresh_token, ctx.meta)),

  logoutAll: protectedProcedure
    .output(messageOutput)
    .mutation(({ ctx }) => ctx.auth.logoutAll(ctx.user.userId, ctx.meta)),
} satisfies TRPCRouterRecord;
