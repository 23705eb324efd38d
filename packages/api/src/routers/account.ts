import { changePassword, listSessions, revokeSession } from '@otp-auth/auth';
import {
  changePasswordInput,
  changePasswordOutput,
  messageOutput,
  profileOutput,
  revokeSessionInput,
  sessionsOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure, rateLimitedProtectedProcedure } from '../trpc';
import { selfServiceProcedures } from './self-service';

/** REST paths as the original contract writes them, behind a Bearer access token. */
const bearer = { protect: true, tags: ['account'] };

export const accountRouter = {
  profile: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/api/profile/', ...bearer, summary: 'Read the profile' },
    })
    .output(profileOutput)
    .query(({ ctx }) => ctx.user.profile),

  changePassword: rateLimitedProtectedProcedure('change_password')
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
    .mutation(({ ctx, input }) => changePassword(ctx.auth, ctx.user, input, ctx.meta)),

  sessions: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/api/sessions/', ...bearer, summary: 'List live sessions' },
    })
    .output(sessionsOutput)
    .query(({ ctx }) => listSessions(ctx.auth, ctx.user)),

  revokeSession: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/sessions/revoke/',
        ...bearer,
        summary: 'End one session',
        // No live session of the caller's with that id.
        errorResponses: [404],
      },
    })
    .input(revokeSessionInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => revokeSession(ctx.auth, ctx.user, input, ctx.meta)),

  ...selfServiceProcedures,
} satisfies TRPCRouterRecord;
