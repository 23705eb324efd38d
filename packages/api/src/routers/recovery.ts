import { forgotPassword, resetPassword } from '@otp-auth/auth';
import { forgotPasswordInput, messageOutput, resetPasswordInput } from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { rateLimitedProcedure } from '../trpc';

const open = { protect: false, tags: ['recovery'] };

/** Forgot password: a code by mail, then a new password with it. Merged into `auth`. */
export const recoveryProcedures = {
  forgotPassword: rateLimitedProcedure('forgot_password')
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/password/forgot/',
        ...open,
        summary: 'Mail a password reset code (same answer for every address)',
      },
    })
    .input(forgotPasswordInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => forgotPassword(ctx.auth, input)),

  resetPassword: rateLimitedProcedure('reset_password')
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/password/forgot/confirm/',
        ...open,
        summary: 'Set a new password with the mailed code; ends every session',
      },
    })
    .input(resetPasswordInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => resetPassword(ctx.auth, input, ctx.meta)),
} satisfies TRPCRouterRecord;
