import { changePasswordInput, changePasswordOutput, profileOutput } from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../trpc';

/** REST paths as the original contract writes them, behind a Bearer access token. */
const bearer = { protect: true, tags: ['account'] };

export const accountRouter = {
  profile: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/api/profile/', ...bearer, summary: 'Read the profile' },
    })
    .output(profileOutput)
    .query(({ ctx }) => ctx.user.profile),

  changePassword: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/password/reset/',
        ...bearer,
        summary: 'Change the password',
      },
    })
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(({ ctx, input }) => ctx.auth.changePassword(ctx.user, input, ctx.meta)),
} satisfies TRPCRouterRecord;
