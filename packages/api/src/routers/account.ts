import {
  changePasswordInput,
  changePasswordOutput,
  messageOutput,
  profileOutput,
  revokeSessionInput,
  sessionsOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { rateLimitedProtectedProcedure } from '../rate-limit';
import { protectedProcedure } from '../trpc';

export const accountRouter = {
  profile: protectedProcedure.output(profileOutput).query(({ ctx }) => ctx.user.profile),

  changePassword: rateLimitedProtectedProcedure('change_password')
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(({ ctx, input }) => ctx.auth.changePassword(ctx.user, input, ctx.meta)),

  sessions: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/sessions/', protect: true, tags: ['account'] } })
    .output(sessionsOutput)
    .query(({ ctx }) => ctx.auth.listSessions(ctx.user)),

  revokeSession: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/sessions/{id}/revoke/', protect: true, tags: ['account'] },
    })
    .input(revokeSessionInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => ctx.auth.revokeSession(ctx.user, input.id, ctx.meta)),
} satisfies TRPCRouterRecord;
