// The account events sent to webhook endpoints (ADR 160), defined once: the server writes them
// with these types, the OpenAPI document lists them from these schemas, and `@otp-auth/client`
// exports the same union as plain types (its verify-webhook test fails to compile if they
// differ). Payloads carry ids and changed fields, never a secret (no password, code, token or
// hash).
import { z } from 'zod';

const userId = z.string().describe('The id of the account.');
const email = z.string().describe('The address of the account, lower-cased.');

/** One event as a receiver gets it: the Standard Webhooks payload `{type, timestamp, data}`. */
function event<const T extends string, D extends z.ZodObject>(type: T, data: D, about: string) {
  return z
    .object({
      type: z.literal(type),
      timestamp: z.string().describe('When the change happened (ISO 8601, UTC).'),
      data,
    })
    .describe(about);
}

const twoFactorMethod = z.enum(['totp']).describe('The second factor: an authenticator app.');

export const webhookEventSchema = z.discriminatedUnion('type', [
  event(
    'user.created',
    z.object({ user_id: userId, email, username: z.string() }),
    'An account was made: registered (pending until its emailed code is entered), or through a sign-in provider (then `user.verified` and `identity.linked` follow at once).',
  ),
  event(
    'user.verified',
    z.object({ user_id: userId, email }),
    'The account proved its address (sign-up code, or a password reset of a pending account).',
  ),
  event(
    'user.updated',
    z.object({
      user_id: userId,
      changes: z
        .object({ username: z.string().optional(), phone_number: z.string().optional() })
        .describe('The profile fields that changed, with their new values.'),
    }),
    'The owner edited the profile, or a new registration of a pending address replaced its username and phone number.',
  ),
  event(
    'user.email_changed',
    z.object({ user_id: userId, email, previous_email: z.string() }),
    'The account switched to a new, proven address.',
  ),
  event(
    'user.password_changed',
    z.object({
      user_id: userId,
      reason: z.enum(['change', 'reset']).describe('Changed signed in, or reset by a mailed code.'),
    }),
    'The password changed (never the password itself).',
  ),
  event('user.deleted', z.object({ user_id: userId }), 'The account and its data are gone.'),
  event(
    'user.disabled',
    z.object({ user_id: userId, actor_id: z.string().nullable() }),
    'An admin (`actor_id`) turned the account off: it cannot sign in, its sessions ended.',
  ),
  event(
    'user.enabled',
    z.object({ user_id: userId, actor_id: z.string().nullable() }),
    'An admin (`actor_id`) turned the account back on.',
  ),
  event(
    'session.created',
    z.object({ user_id: userId, session_id: z.string() }),
    'A sign-in opened a session (after its second step, when two-factor is on).',
  ),
  event(
    'session.revoked',
    z.object({
      user_id: userId,
      session_id: z.string(),
      reason: z
        .string()
        .describe(
          'Why: `logout`, `logout_all`, `revoked_by_user`, `password_change`, `password_reset`, ' +
            '`email_change`, `two_factor_enabled`, `refresh_reuse`, `account_deleted`, …',
        ),
    }),
    'A session ended before its time; its tokens no longer work.',
  ),
  event(
    'two_factor.enabled',
    z.object({ user_id: userId, method: twoFactorMethod }),
    'Two-factor sign-in was turned on.',
  ),
  event(
    'two_factor.disabled',
    z.object({ user_id: userId, method: twoFactorMethod }),
    'Two-factor sign-in was turned off.',
  ),
  event(
    'passkey.added',
    z.object({ user_id: userId, passkey_id: z.string() }),
    'A passkey was registered to the account.',
  ),
  event(
    'passkey.removed',
    z.object({ user_id: userId, passkey_id: z.string() }),
    'A passkey was removed from the account.',
  ),
  event(
    'identity.linked',
    z.object({ user_id: userId, provider: z.string().describe('The external provider.') }),
    'An external sign-in provider was linked to the account.',
  ),
  event(
    'identity.unlinked',
    z.object({ user_id: userId, provider: z.string().describe('The external provider.') }),
    'An external sign-in provider was unlinked from the account.',
  ),
]);

/** Every event a webhook endpoint can receive, discriminated by `type`. */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export type WebhookEventType = WebhookEvent['type'];
/** The `data` of one event type. */
type WebhookEventData<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>['data'];

export const webhookEventTypes = webhookEventSchema.options.map(
  (option) => option.shape.type.value,
) as readonly WebhookEventType[] as readonly [WebhookEventType, ...WebhookEventType[]];

/** An event as a use case emits it: the time is the transaction's. */
export type WebhookEventInput = {
  [T in WebhookEventType]: { type: T; data: WebhookEventData<T> };
}[WebhookEventType];
