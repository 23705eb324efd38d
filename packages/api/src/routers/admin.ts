import { listAdmins, setRole } from '@otp-auth/auth';
import { adminsOutput, setRoleInput, setRoleOutput } from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { adminOperation } from '../meta';
import { adminProcedure } from '../trpc';
import { adminWebhooksRouter } from './admin-webhooks';

/** The admin API: every procedure is an `adminProcedure` (the role is checked on each call,
 * before its input), with REST under /api/admin/. `admin-access.int.test.ts` calls each one
 * found here as a non-admin and expects 403, so none can be left open. */
export const adminRouter = {
  admins: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/admins/',
        summary: 'List the accounts with the admin role',
      }),
    })
    .output(adminsOutput)
    .query(({ ctx }) => listAdmins(ctx.auth)),

  setRole: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'PUT',
        path: '/api/admin/users/{user_id}/role/',
        summary: 'Grant or take away the admin role',
        description:
          'Takes effect on the next access token of the account for a grant, and at once ' +
          '(within a second on every instance) when the role is taken away. The last active ' +
          'admin keeps the role (409 `last_admin`).',
        errorResponses: [404, 409],
      }),
    })
    .input(setRoleInput)
    .output(setRoleOutput)
    .mutation(({ ctx, input }) => setRole(ctx.auth, ctx.user, input, ctx.meta)),

  webhooks: adminWebhooksRouter,
} satisfies TRPCRouterRecord;
