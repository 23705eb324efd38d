// Schemas of the admin API (`admin.*`, REST under /api/admin/).
import { z } from 'zod';

const roles = ['user', 'admin'] as const;
/** What an account may do: `admin` opens the admin API. */
const roleField = z.enum(roles, { error: 'Choose "user" or "admin".' });
export type Role = z.infer<typeof roleField>;

const userIdField = z.uuid('Enter a valid user id.');

/** Where an account stands: `pending` until its emailed code is entered, `disabled` when an
 * admin turned it off, else `active`. */
const accountStates = ['pending', 'active', 'disabled'] as const;
const accountStateField = z.enum(accountStates, {
  error: 'Choose "pending", "active" or "disabled".',
});
export type AccountState = z.infer<typeof accountStateField>;

/** One account as an admin sees it in a list. */
const adminUserSummary = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  role: roleField,
  state: accountStateField,
  two_factor: z.boolean().describe('An authenticator app confirmed as a second factor.'),
  date_joined: z.string().describe('ISO 8601 timestamp.'),
});
export type AdminUserSummary = z.infer<typeof adminUserSummary>;

export const adminsOutput = z.object({
  admins: z.array(adminUserSummary).describe('Every account with the admin role.'),
});
export type AdminsOutput = z.infer<typeof adminsOutput>;

export const setRoleInput = z.object({
  user_id: userIdField,
  role: roleField,
});
export type SetRoleInput = z.infer<typeof setRoleInput>;

export const setRoleOutput = z.object({
  message: z.string(),
  user: adminUserSummary,
});
export type SetRoleOutput = z.infer<typeof setRoleOutput>;
