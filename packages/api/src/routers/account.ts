import { changePassword, listActivity, listSessions, revokeSession } from '@otp-auth/auth';
import {
  activityInput,
  activityOutput,
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

  activity: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/account/activity/',
        ...bearer,
        summary: 'Your recent security events',
        description:
          'Sign-ins (and failed attempts), password and address changes, sessions ended, ' +
          'two-factor changes and what an admin did to the account, newest first, a page at ' +
          'a time: pass `next_cursor` back as `cursor`.',
      },
    })
    .input(activityInput)
    .output(activityOutput)
    .query(({ ctx, input }) => listActivity(ctx.auth, ctx.user, input)),

  ...selfServiceProcedures,
} satisfies TRPCRouterRecord;
