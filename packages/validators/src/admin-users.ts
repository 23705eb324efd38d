// Schemas of the admin API's accounts: the list, one account, and what an admin can do to it.
import { z } from 'zod';
import { accountStateField, adminUserExample, adminUserSummary, userIdField } from './admin';
import { auditEventExample, auditEventOutput } from './audit';
import { identityOutput } from './external-sign-in';
import { cursorField, pageLimitField } from './pagination';
import { sessionOutput } from './sessions';

const userSorts = ['created', 'last_login'] as const;
const sortOrders = ['desc', 'asc'] as const;

export const adminUsersInput = z
  .object({
    search: z
      .string()
      .trim()
      .max(320, 'Ensure this field has no more than 320 characters.')
      .optional()
      .describe('The start of an email address or a username (case-insensitive).'),
    state: accountStateField.optional(),
    two_factor: z
      .enum(['on', 'off'], { error: 'Choose "on" or "off".' })
      .optional()
      .describe('Only accounts with (`on`) or without (`off`) two-factor sign-in.'),
    sort: z
      .enum(userSorts, { error: 'Choose "created" or "last_login".' })
      .default('created')
      .describe('By date joined, or by last sign-in (never signed in counts as oldest).'),
    order: z
      .enum(sortOrders, { error: 'Choose "desc" or "asc".' })
      .default('desc')
      .describe('`desc`: newest first.'),
    limit: pageLimitField(25),
    cursor: cursorField,
  })
  .meta({ examples: [{ search: 'test', state: 'active', sort: 'last_login', limit: 25 }] });
export type AdminUsersInput = z.input<typeof adminUsersInput>;
export type AdminUsersQuery = z.output<typeof adminUsersInput>;

export const adminUsersOutput = z
  .object({
    users: z.array(adminUserSummary),
    total: z.number().int().describe('Accounts matching the filters, over every page.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({
    examples: [
      {
        users: [adminUserExample],
        total: 1,
        next_cursor: null,
      },
    ],
  });
export type AdminUsersOutput = z.infer<typeof adminUsersOutput>;

export const adminUserInput = z
  .object({ user_id: userIdField })
  .meta({ examples: [{ user_id: adminUserExample.id }] });
export type AdminUserInput = z.infer<typeof adminUserInput>;

const adminSessionOutput = sessionOutput.omit({ current: true });

/** One account as an admin sees it: never a hash, secret or code. `sign_in` lists every way
 * the account signs in; passkeys join it as `passkeys` once the server has them. */
export const adminUserDetailOutput = z
  .object({
    user: adminUserSummary.extend({
      phone_number: z.string(),
      email_verified_at: z.string().nullable().describe('ISO 8601 timestamp; null while pending.'),
    }),
    sign_in: z.object({
      has_password: z.boolean(),
      two_factor: z.object({
        enabled: z.boolean(),
        confirmed_at: z.string().nullable().describe('ISO 8601 timestamp.'),
        recovery_codes_left: z.number().int(),
      }),
      providers: z
        .array(identityOutput)
        .describe('Sign-in providers linked to the account, oldest link first.'),
    }),
    sessions: z.array(adminSessionOutput).describe('Live sessions, most recently used first.'),
    recent_events: z
      .array(auditEventOutput)
      .describe('The latest security events of the account, newest first.'),
  })
  .meta({
    examples: [
      {
        user: {
          ...adminUserExample,
          phone_number: '1234567890',
          email_verified_at: '2026-01-01T12:01:00.000Z',
        },
        sign_in: {
          has_password: true,
          two_factor: { enabled: false, confirmed_at: null, recovery_codes_left: 0 },
          providers: [
            {
              provider: 'google',
              provider_name: 'Google',
              email: 'testuser@example.com',
              linked_at: '2026-01-01T12:05:00.000Z',
              last_used_at: '2026-01-02T07:59:00.000Z',
            },
          ],
        },
        sessions: [
          {
            id: '0193f3a2-9d4b-7e21-8c3a-5b6c7d8e9f00',
            created_at: '2026-01-02T07:59:00.000Z',
            last_used_at: '2026-01-02T08:03:00.000Z',
            user_agent: 'curl/8.5.0',
            ip: '203.0.113.7',
          },
        ],
        recent_events: [auditEventExample],
      },
    ],
  });
export type AdminUserDetailOutput = z.infer<typeof adminUserDetailOutput>;

/** An admin's action on an account: its answer says what happened, and how the account is
 * now. */
export const adminUserActionOutput = z
  .object({ message: z.string(), user: adminUserSummary })
  .meta({
    examples: [
      {
        message: 'testuser@example.com is disabled; its sessions have ended.',
        user: { ...adminUserExample, state: 'disabled' },
      },
    ],
  });
export type AdminUserActionOutput = z.infer<typeof adminUserActionOutput>;

export const endUserSessionsInput = z
  .object({
    user_id: userIdField,
    session_id: z
      .uuid('Enter a valid session id.')
      .optional()
      .describe('Only this session; every live session of the account when absent.'),
  })
  .meta({ examples: [{ user_id: adminUserExample.id }] });
export type EndUserSessionsInput = z.infer<typeof endUserSessionsInput>;

export const endUserSessionsOutput = z
  .object({
    message: z.string(),
    ended: z.number().int().describe('Sessions ended by this call.'),
  })
  .meta({ examples: [{ message: 'Ended 2 sessions of testuser@example.com.', ended: 2 }] });
export type EndUserSessionsOutput = z.infer<typeof endUserSessionsOutput>;
