import {
  deleteUser,
  disableUser,
  enableUser,
  endUserSessions,
  getUserDetail,
  listUsers,
  resendVerification,
  sendPasswordReset,
} from '@otp-auth/auth';
import {
  adminUserActionOutput,
  adminUserDetailOutput,
  adminUserInput,
  adminUsersInput,
  adminUsersOutput,
  endUserSessionsInput,
  endUserSessionsOutput,
  messageOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { adminOperation } from '../meta';
import { adminProcedure } from '../trpc';

/** Accounts as admins see them, and what admins may do to one (ADR 153). Each action is one
 * use case in one transaction, with an audit event naming the admin. */
export const adminUserProcedures = {
  users: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/users/',
        operationId: 'admin.users',
        summary: 'Search and list accounts',
        description:
          'By the start of an email address or username, by state and two-factor, sorted by ' +
          'date joined or last sign-in, a page at a time: pass `next_cursor` back as `cursor` ' +
          'with the same filters and order. `total` counts every page.',
      }),
    })
    .input(adminUsersInput)
    .output(adminUsersOutput)
    .query(({ ctx, input }) => listUsers(ctx.auth, input)),

  user: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/users/{user_id}/',
        operationId: 'admin.user',
        summary: 'One account: profile, sign-in methods, sessions, recent events',
        errorResponses: [404],
      }),
    })
    .input(adminUserInput)
    .output(adminUserDetailOutput)
    .query(({ ctx, input }) => getUserDetail(ctx.auth, input)),

  disableUser: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/users/{user_id}/disable/',
        operationId: 'admin.disableUser',
        summary: 'Disable an account and end its sessions',
        description:
          'Its tokens are refused at once, and within a second on every instance; signing in ' +
          'with the right password answers 403 `account_disabled`. The last active admin ' +
          'cannot be disabled (409 `last_admin`).',
        errorResponses: [404, 409],
      }),
    })
    .input(adminUserInput)
    .output(adminUserActionOutput)
    .mutation(({ ctx, input }) => disableUser(ctx.auth, ctx.user, input, ctx.meta)),

  enableUser: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/users/{user_id}/enable/',
        operationId: 'admin.enableUser',
        summary: 'Enable a disabled account',
        errorResponses: [404],
      }),
    })
    .input(adminUserInput)
    .output(adminUserActionOutput)
    .mutation(({ ctx, input }) => enableUser(ctx.auth, ctx.user, input, ctx.meta)),

  endSessions: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/users/{user_id}/sessions/end/',
        operationId: 'admin.endSessions',
        summary: 'End one or every session of an account',
        description:
          'With `session_id`, that session only (404 unless it is a live session of this ' +
          'account); without, every live session. Their tokens die at once everywhere.',
        errorResponses: [404],
      }),
    })
    .input(endUserSessionsInput)
    .output(endUserSessionsOutput)
    .mutation(({ ctx, input }) => endUserSessions(ctx.auth, ctx.user, input, ctx.meta)),

  resendVerification: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/users/{user_id}/verification/resend/',
        operationId: 'admin.resendVerification',
        summary: 'Mail a pending account a new verification code',
        description:
          'Within the same limits as the owner asking (429 with Retry-After); 409 ' +
          '`account_state_conflict` for an account already verified or disabled.',
        errorResponses: [404, 409],
      }),
    })
    .input(adminUserInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => resendVerification(ctx.auth, ctx.user, input, ctx.meta)),

  sendPasswordReset: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/users/{user_id}/password-reset/',
        operationId: 'admin.sendPasswordReset',
        summary: 'Mail an account a password reset code',
        description:
          'The code the owner would get from /api/password/forgot/, used the same way at ' +
          '/api/password/forgot/confirm/. Within the same limits (429 with Retry-After); 409 ' +
          '`account_state_conflict` for a disabled account.',
        errorResponses: [404, 409],
      }),
    })
    .input(adminUserInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => sendPasswordReset(ctx.auth, ctx.user, input, ctx.meta)),

  deleteUser: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'DELETE',
        path: '/api/admin/users/{user_id}/',
        operationId: 'admin.deleteUser',
        summary: 'Delete an account',
        description:
          'As when its owner deletes it: user, password, sessions, codes and unsent mail go; ' +
          'its audit events keep only type and time; a confirmation is mailed. The last ' +
          'active admin cannot be deleted (409 `last_admin`).',
        errorResponses: [404, 409],
      }),
    })
    .input(adminUserInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => deleteUser(ctx.auth, ctx.user, input, ctx.meta)),
} satisfies TRPCRouterRecord;
