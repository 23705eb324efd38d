// The account events otp-auth sends to webhook endpoints, as plain types so that the published
// package stands alone. The server's zod schemas (@otp-auth/validators, webhook-events.ts) are
// the source; webhook-events.test.ts fails to compile if the two ever differ.

interface EventOf<T extends string, D> {
  type: T;
  /** When the change happened (ISO 8601, UTC). */
  timestamp: string;
  data: D;
}

/** An account was made: registered (pending until its emailed code is entered), or through a
 * sign-in provider (then `user.verified` and `identity.linked` follow at once). */
export type UserCreatedEvent = EventOf<
  'user.created',
  { user_id: string; email: string; username: string }
>;
/** The account proved its address. */
export type UserVerifiedEvent = EventOf<'user.verified', { user_id: string; email: string }>;
/** The owner edited the profile (or a new registration of a pending address replaced it): the
 * fields that changed, with their new values. */
export type UserUpdatedEvent = EventOf<
  'user.updated',
  { user_id: string; changes: { username?: string | undefined; phone_number?: string | undefined } }
>;
/** The account switched to a new, proven address. */
export type UserEmailChangedEvent = EventOf<
  'user.email_changed',
  { user_id: string; email: string; previous_email: string }
>;
/** The password changed: signed in (`change`) or by a mailed code (`reset`). */
export type UserPasswordChangedEvent = EventOf<
  'user.password_changed',
  { user_id: string; reason: 'change' | 'reset' }
>;
/** The account and its data are gone. */
export type UserDeletedEvent = EventOf<'user.deleted', { user_id: string }>;
/** An admin (`actor_id`) turned the account off. */
export type UserDisabledEvent = EventOf<
  'user.disabled',
  { user_id: string; actor_id: string | null }
>;
/** An admin (`actor_id`) turned the account back on. */
export type UserEnabledEvent = EventOf<
  'user.enabled',
  { user_id: string; actor_id: string | null }
>;
/** A sign-in opened a session (after its second step, when two-factor is on). */
export type SessionCreatedEvent = EventOf<
  'session.created',
  { user_id: string; session_id: string }
>;
/** A session ended before its time (`reason`: `logout`, `password_change`, …). */
export type SessionRevokedEvent = EventOf<
  'session.revoked',
  { user_id: string; session_id: string; reason: string }
>;
/** Two-factor sign-in was turned on. */
export type TwoFactorEnabledEvent = EventOf<
  'two_factor.enabled',
  { user_id: string; method: 'totp' }
>;
/** Two-factor sign-in was turned off. */
export type TwoFactorDisabledEvent = EventOf<
  'two_factor.disabled',
  { user_id: string; method: 'totp' }
>;
/** A passkey was registered to the account. */
export type PasskeyAddedEvent = EventOf<'passkey.added', { user_id: string; passkey_id: string }>;
/** A passkey was removed from the account. */
export type PasskeyRemovedEvent = EventOf<
  'passkey.removed',
  { user_id: string; passkey_id: string }
>;
/** A sign-in provider was linked to the account. */
export type IdentityLinkedEvent = EventOf<'identity.linked', { user_id: string; provider: string }>;
/** A sign-in provider was unlinked from the account. */
export type IdentityUnlinkedEvent = EventOf<
  'identity.unlinked',
  { user_id: string; provider: string }
>;

/** Every event a webhook endpoint can receive; switch on `type` to narrow `data`. */
export type WebhookEvent =
  | UserCreatedEvent
  | UserVerifiedEvent
  | UserUpdatedEvent
  | UserEmailChangedEvent
  | UserPasswordChangedEvent
  | UserDeletedEvent
  | UserDisabledEvent
  | UserEnabledEvent
  | SessionCreatedEvent
  | SessionRevokedEvent
  | TwoFactorEnabledEvent
  | TwoFactorDisabledEvent
  | PasskeyAddedEvent
  | PasskeyRemovedEvent
  | IdentityLinkedEvent
  | IdentityUnlinkedEvent;

export type WebhookEventType = WebhookEvent['type'];
