import { changePasswordInput, changePasswordOutput, profileOutput } from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../trpc';

export const accountRouter = {
  profile: protectedProcedure.output(profileOutput).query(({ ctx }) => ctx.user.profile),

  changePassword: protectedProcedure
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(({ ctx, input }) => ctx.auth.changePassword(ctx.user, input, ctx.meta)),
} satisfies TRPCRouterRecord;
