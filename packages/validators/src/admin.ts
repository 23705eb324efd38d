// Schemas of the admin API (`admin.*`, REST under /api/admin/).
import { z } from 'zod';

const roles = ['user', 'admin'] as const;
/** What an account may do: `admin` opens the admin API. */
const roleField = z.enum(roles, { error: 'Choose "user" or "admin".' });
export type Role = z.infer<typeof roleField>;

export const userIdField = z.uuid('Enter a valid user id.');

/** Where an account stands: `pending` until its emailed code is entered, `disabled` when an
 * admin turned it off, else `active`. */
const accountStates = ['pending', 'active', 'disabled'] as const;
export const accountStateField = z.enum(accountStates, {
  error: 'Choose "pending", "active" or "disabled".',
});
export type AccountState = z.infer<typeof accountStateField>;

/** One account as an admin sees it in a list. */
export const adminUserSummary = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  role: roleField,
  state: accountStateField,
  two_factor: z.boolean().describe('An authenticator app confirmed as a second factor.'),
  date_joined: z.string().describe('ISO 8601 timestamp.'),
  last_login_at: z
    .string()
    .nullable()
    .describe('ISO 8601 timestamp of the last sign-in (any method); null if never.'),
});
export type AdminUserSummary = z.infer<typeof adminUserSummary>;

/** The account the examples of the admin API talk about. */
export const adminUserExample = {
  id: '0193f3a2-7c1e-7b9a-8d2f-1a2b3c4d5e6f',
  email: 'testuser@example.com',
  username: 'testuser',
  role: 'user',
  state: 'active',
  two_factor: false,
  date_joined: '2026-01-01T12:00:00.000Z',
  last_login_at: '2026-01-02T07:59:00.000Z',
} satisfies AdminUserSummary;

export const adminsOutput = z
  .object({
    admins: z.array(adminUserSummary).describe('Every account with the admin role.'),
  })
  .meta({
    examples: [
      {
        admins: [
          {
            ...adminUserExample,
            id: '0193f3a0-11aa-7c3d-9e2f-0a1b2c3d4e5f',
            email: 'boss@example.com',
            username: 'boss',
            role: 'admin',
          },
        ],
      },
    ],
  });
export type AdminsOutput = z.infer<typeof adminsOutput>;

export const setRoleInput = z
  .object({
    user_id: userIdField,
    role: roleField,
  })
  .meta({ examples: [{ user_id: adminUserExample.id, role: 'admin' }] });
export type SetRoleInput = z.infer<typeof setRoleInput>;

export const setRoleOutput = z
  .object({
    message: z.string(),
    user: adminUserSummary,
  })
  .meta({
    examples: [
      {
        message: 'testuser@example.com is now an admin.',
        user: { ...adminUserExample, role: 'admin' },
      },
    ],
  });
export type SetRoleOutput = z.infer<typeof setRoleOutput>;
