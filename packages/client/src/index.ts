export type { AppRouter } from './app-router.js';
export {
  createAuthClient,
  needsSecondStep,
  type AuthClient,
  type MfaChallenge,
  type AuthClientOptions,
  type FetchLike,
} from './client.js';
export {
  isClientError,
  toClientError,
  type ClientError,
  type ClientErrorCode,
  type FieldClientError,
  type FieldErrors,
  type NetworkClientError,
  type OtpClientError,
  type PlainClientError,
  type RateLimitedClientError,
  type ServerErrorCode,
} from './errors.js';
export type { AdminClient } from './admin-client.js';
export type { PasskeyClient } from './passkey-client.js';
export type { SessionEndEvent } from './session.js';
export { memoryStorage, type TokenPair, type TokenStorage } from './storage.js';
export type { ProcedurePath, RouterInputs, RouterOutputs } from './types.js';
export {
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookHeaders,
  type WebhookVerificationErrorCode,
} from './verify-webhook.js';
export type * from './webhook-events.js';
