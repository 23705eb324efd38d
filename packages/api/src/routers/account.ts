import {
  changePassword,
  confirmEmailChange,
  deleteAccount,
  exportData,
  listActivity,
  listSessions,
  requestEmailChange,
  revokeSession,
  updateProfile,
} from '@otp-auth/auth';
import {
  activityInput,
  activityOutput,
  changeEmailInput,
  changePasswordInput,
  changePasswordOutput,
  confirmEmailChangeInput,
  deleteAccountInput,
  exportDataOutput,
  messageOutput,
  profileOutput,
  revokeSessionInput,
  sessionsOutput,
  updateProfileInput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure, rateLimitedProtectedProcedure } from '../trpc';

/** REST paths as the original contract writes them, behind a Bearer access token. */
const bearer = { protect: true, tags: ['account'] };

export const accountRouter = {
  profile: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.profile',
        method: 'GET',
        path: '/api/profile/',
        ...bearer,
        summary: 'Read the profile',
      },
    })
    .output(profileOutput)
    .query(({ ctx }) => ctx.user.profile),

  changePassword: rateLimitedProtectedProcedure('change_password')
    .meta({
      openapi: {
        operationId: 'account.changePassword',
        method: 'POST',
        path: '/api/password/reset/',
        ...bearer,
        summary: 'Change the password',
        description:
          'With two-factor on, the request also carries a second factor: `code` from the ' +
          'authenticator app or `recovery_code` (400 `second_factor_required` without one, ' +
          '400 `otp_invalid` for a wrong one; nothing changes either way).',
      },
    })
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(({ ctx, input }) => changePassword(ctx.auth, ctx.user, input, ctx.meta)),

  sessions: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.sessions',
        method: 'GET',
        path: '/api/sessions/',
        ...bearer,
        summary: 'List live sessions',
      },
    })
    .output(sessionsOutput)
    .query(({ ctx }) => listSessions(ctx.auth, ctx.user)),

  revokeSession: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.revokeSession',
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

  // What a signed-in person can do to their own account.
  updateProfile: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.updateProfile',
        method: 'PATCH',
        path: '/api/profile/',
        ...bearer,
        summary: 'Edit username and phone number',
      },
    })
    .input(updateProfileInput)
    .output(profileOutput)
    .mutation(({ ctx, input }) => updateProfile(ctx.auth, ctx.user, input, ctx.meta)),

  changeEmail: rateLimitedProtectedProcedure('change_email')
    .meta({
      openapi: {
        operationId: 'account.changeEmail',
        method: 'POST',
        path: '/api/email/change/',
        ...bearer,
        summary: 'Mail a code to a new address; nothing switches yet',
        description:
          'With two-factor on, the request also carries a second factor: `code` from the ' +
          'authenticator app or `recovery_code` (400 `second_factor_required` without one, ' +
          '400 `otp_invalid` for a wrong one; nothing changes either way).',
      },
    })
    .input(changeEmailInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => requestEmailChange(ctx.auth, ctx.user, input, ctx.meta)),

  confirmEmailChange: rateLimitedProtectedProcedure('change_email')
    .meta({
      openapi: {
        operationId: 'account.confirmEmailChange',
        method: 'POST',
        path: '/api/email/change/confirm/',
        ...bearer,
        summary: 'Switch to the new address with its code',
      },
    })
    .input(confirmEmailChangeInput)
    .output(profileOutput)
    .mutation(({ ctx, input }) => confirmEmailChange(ctx.auth, ctx.user, input, ctx.meta)),

  deleteAccount: rateLimitedProtectedProcedure('delete_account')
    .meta({
      openapi: {
        operationId: 'account.deleteAccount',
        method: 'POST',
        path: '/api/account/delete/',
        ...bearer,
        summary: 'Delete the account and everything it holds',
        description:
          'With two-factor on, the request also carries a second factor: `code` from the ' +
          'authenticator app or `recovery_code` (400 `second_factor_required` without one, ' +
          '400 `otp_invalid` for a wrong one; nothing changes either way).',
      },
    })
    .input(deleteAccountInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => deleteAccount(ctx.auth, ctx.user, input)),

  exportData: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.exportData',
        method: 'GET',
        path: '/api/account/export/',
        ...bearer,
        summary: 'Download everything held about you (JSON attachment)',
      },
      // Read by the REST adapter: the answer is sent as a file to save.
      download: { filename: 'otp-auth-export.json' },
    })
    .output(exportDataOutput)
    .query(({ ctx }) => exportData(ctx.auth, ctx.user, ctx.meta)),

  activity: protectedProcedure
    .meta({
      openapi: {
        operationId: 'account.activity',
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
} satisfies TRPCRouterRecord;
