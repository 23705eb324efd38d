// Schemas of the audit log: the admin's query and export, and the owner's recent activity.
import { z } from 'zod';
import { cursorField, pageLimitField } from './pagination';
import { userIdField } from './admin';

/** Every type of security event the service records. */
export const auditEventTypes = [
  'register',
  'register_existing',
  'verify',
  'login_success',
  'login_failure',
  'refresh_reuse',
  'logout',
  'logout_all',
  'password_change',
  'session_revoke',
  'login_mfa_challenge',
  'two_factor_setup',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_regenerated',
  'second_factor_locked',
  'password_reset',
  'profile_update',
  'email_change_request',
  'email_change',
  'account_delete',
  'data_export',
  'signing_key_created',
  'role_granted',
  'role_revoked',
  'identity_linked',
  'identity_unlinked',
  'external_sign_in_failure',
  'account_disabled',
  'account_enabled',
  'session_revoke_all',
  'verification_resent',
  'password_reset_requested',
  'webhook_created',
  'webhook_updated',
  'webhook_secret_rotated',
  'webhook_deleted',
  'webhook_redelivered',
  'passkey_added',
  'passkey_renamed',
  'passkey_removed',
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

const timestamp = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      error: 'Enter an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z.',
    })
    .describe(what);

export const auditEventOutput = z.object({
  id: z.string(),
  type: z.string().describe('What happened: one of the audit event types.'),
  created_at: z.string().describe('ISO 8601 timestamp.'),
  user_id: z.string().nullable().describe('The account it happened to, if known.'),
  actor_id: z
    .string()
    .nullable()
    .describe('The admin who acted on the account; null when its owner (or the server) did.'),
  email: z.string().nullable().describe('The address a sign-in or sign-up named.'),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  detail: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Facts of the event, never a secret.'),
});
export type AuditEventOutput = z.infer<typeof auditEventOutput>;

export const auditEventExample = {
  id: '0193f3a2-9d4b-7e21-8c3a-5b6c7d8e9f01',
  type: 'login_success',
  created_at: '2026-01-02T07:59:00.000Z',
  user_id: '0193f3a2-7c1e-7b9a-8d2f-1a2b3c4d5e6f',
  actor_id: null,
  email: null,
  ip: '203.0.113.7',
  user_agent: 'curl/8.5.0',
  detail: null,
} satisfies AuditEventOutput;

/** What narrows the audit log: each filter given must hold. */
const auditFilterFields = {
  user_id: userIdField.optional().describe('Events of this account.'),
  actor_id: userIdField.optional().describe('Events where this admin acted.'),
  type: z
    .enum(auditEventTypes, { error: 'Not an audit event type.' })
    .optional()
    .describe('Events of this type.'),
  ip: z
    .union([z.ipv4(), z.ipv6()], { error: 'Enter a valid IP address.' })
    .optional()
    .describe('Events from this client address.'),
  from: timestamp('Events at or after this time.').optional(),
  to: timestamp('Events before this time.').optional(),
};

export type AuditFilterInput = z.infer<z.ZodObject<typeof auditFilterFields>>;

export const auditEventsInput = z
  .object({ ...auditFilterFields, limit: pageLimitField(50), cursor: cursorField })
  .meta({
    examples: [{ user_id: auditEventExample.user_id, type: 'login_failure', limit: 50 }],
  });
export type AuditEventsInput = z.input<typeof auditEventsInput>;
export type AuditEventsQuery = z.output<typeof auditEventsInput>;

export const auditEventsOutput = z
  .object({
    events: z.array(auditEventOutput).describe('Newest first.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ examples: [{ events: [auditEventExample], next_cursor: null }] });
export type AuditEventsOutput = z.infer<typeof auditEventsOutput>;

export const activityInput = z
  .object({ limit: pageLimitField(20), cursor: cursorField })
  .meta({ examples: [{ limit: 20 }] });
export type ActivityQuery = z.output<typeof activityInput>;

/** One of the owner's own security events: what, when, from where, and whether an admin did
 * it. */
const activityEventOutput = z.object({
  type: z.string().describe('What happened: one of the audit event types.'),
  created_at: z.string().describe('ISO 8601 timestamp.'),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  by_admin: z.boolean().describe('An administrator did this to the account.'),
});

export const activityOutput = z
  .object({
    events: z.array(activityEventOutput).describe('Newest first.'),
    next_cursor: z.string().nullable(),
  })
  .meta({
    examples: [
      {
        events: [
          {
            type: 'login_success',
            created_at: '2026-01-02T07:59:00.000Z',
            ip: '203.0.113.7',
            user_agent: 'curl/8.5.0',
            by_admin: false,
          },
        ],
        next_cursor: null,
      },
    ],
  });
export type ActivityOutput = z.infer<typeof activityOutput>;
