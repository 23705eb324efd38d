// The auth domain: use cases called directly by the API's procedures, each as
// `useCase(ctx, [caller,] input, meta)` with the validators' input types. Knows nothing of
// HTTP or tRPC.
export { createAuthContext, type AuthContext, type AuthDeps } from './context';
export type { RequestMeta } from './request-meta';
export { authenticate, type AuthenticatedUser } from './sessions/authenticate';
export { invalidationHandlers } from './session-cache/invalidation';

export { register } from './flows/register';
export { verifyOtp } from './flows/verify';
export { resendOtp } from './flows/resend';
export { login } from './flows/login';
export { refresh } from './flows/refresh';
export { logout, logoutAll } from './flows/sign-out';
export { changePassword } from './flows/change-password';
export { listSessions, revokeSession } from './flows/session-control';
export { forgotPassword, resetPassword } from './flows/recovery';
export { updateProfile } from './flows/profile';
export { confirmEmailChange, requestEmailChange } from './flows/email-change';
export { deleteAccount } from './flows/account-deletion';
export { exportData } from './flows/export';
export { mfaChallengeEmail } from './two-factor/challenge';
export { loginSecondStep } from './two-factor/login-second-step';
export { confirmTotp, setupTotp } from './two-factor/setup';
export { disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from './two-factor/manage';
export { permissionDenied } from './admin/errors';
export { listAdmins, setRole, setRoleByEmail } from './admin/roles';
export { linkIdentity, startExternalSignIn } from './oidc/start';
export { finishExternalSignIn, type ExternalSignInResult } from './oidc/callback';
export { FLOW_TTL_SECONDS } from './oidc/flow-records';
export { listIdentities, listProviders, unlinkIdentity } from './oidc/identities';
export { createExternalProviders, type ExternalProviderSettings } from './oidc/providers';

export { CODE_PURPOSES, type CodePurpose } from './code-purpose';
export { AuthError, domainErrorOf, tokenNotValid } from './errors';
export { authDefaults, defineAuthConfig, MIN_SECRET_BYTES, type AuthConfig } from './config';
export { systemClock, createManualClock, type Clock } from './clock';
export {
  createTokenService,
  type AccessClaims,
  type AccessSubject,
  type TokenClaims,
  type TokenService,
} from './tokens';
export { createKeyring, type Jwks, type Keyring } from './keys/keyring';
export type { PublishedJwk } from './keys/key-material';
export { createMailWorker, type MailWorker, type MailWorkerOptions } from './mail/worker';
export {
  createDevInboxTransport,
  createSmtpTransport,
  type DeliveredMail,
  type MailTransport,
  type OutgoingMail,
  type SmtpConfig,
} from './mail/transport';
export {
  purgeExpired,
  startPurgeTimer,
  type PurgeOptions,
  type PurgeResult,
} from './maintenance/purge';
export { createSessionCache, type SessionCache } from './session-cache/session-cache';
export { createSecretBox, type SecretBox } from './crypto/secret-box';
export { emitEvent } from './webhooks/emit';
export {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './webhooks/endpoints';
export { listWebhookDeliveries, redeliverWebhook } from './webhooks/deliveries';
export {
  createWebhookWorker,
  webhookDeliveryDefaults,
  type DeliveryFailure,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './webhooks/worker';
export { webhookSecretBox } from './webhooks/signing';
export type { Resolver, ResolvedAddress } from './webhooks/target';
