import { listAdmins, listAuditEvents, setRole } from '@otp-auth/auth';
import {
  adminsOutput,
  auditEventsInput,
  auditEventsOutput,
  setRoleInput,
  setRoleOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { adminOperation } from '../meta';
import { adminProcedure } from '../trpc';
import { adminUserProcedures } from './admin-users';
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
        operationId: 'admin.admins',
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
        operationId: 'admin.setRole',
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

  ...adminUserProcedures,

  auditEvents: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/audit/',
        operationId: 'admin.auditEvents',
        summary: 'Search the audit log',
        description:
          'Security events, newest first, filtered by account, acting admin, type, client ' +
          'address and time (`from` inclusive, `to` exclusive), a page at a time: pass ' +
          '`next_cursor` back as `cursor` with the same filters. An export walks every page ' +
          "(`otp-auth admin audit --jsonl`, the app's Export button).",
      }),
    })
    .input(auditEventsInput)
    .output(auditEventsOutput)
    .query(({ ctx, input }) => listAuditEvents(ctx.auth, input)),

  webhooks: adminWebhooksRouter,
} satisfies TRPCRouterRecord;
