// The auth domain: use cases called directly by the API's procedures, each as
// `useCase(ctx, [caller,] input, meta)` with the validators' input types. Knows nothing of
// HTTP or tRPC.
export { createAuthContext, type AuthContext } from './context';
export type { RequestMeta } from './request-meta';
export { authenticate } from './sessions/authenticate';
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
export { listActivity } from './flows/activity';
export { mfaChallengeUserId } from './two-factor/challenge';
export { signInAccountId } from './account/sign-in-account';
export { loginSecondStep } from './two-factor/login-second-step';
export { confirmTotp, setupTotp } from './two-factor/setup';
export { disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from './two-factor/manage';
export { permissionDenied } from './admin/errors';
export { listAdmins, setRole, setRoleByEmail } from './admin/roles';
export { listUsers, userCountStatement, userPageStatement } from './admin/user-list';
export { getUserDetail } from './admin/user-detail';
export { disableUser, enableUser } from './admin/account-state';
export { endUserSessions } from './admin/user-sessions';
export { resendVerification, sendPasswordReset } from './admin/user-mail';
export { deleteUser } from './admin/user-deletion';
export { listAuditEvents } from './admin/audit-log';
export { linkIdentity, startExternalSignIn } from './oidc/start';
export { finishExternalSignIn, type ExternalSignInResult } from './oidc/callback';
export { FLOW_TTL_SECONDS } from './oidc/flow-records';
export { listIdentities, listProviders, unlinkIdentity } from './oidc/identities';
export { createExternalProviders, type ExternalProviderSettings } from './oidc/providers';
export { passkeyRegistrationOptions, registerPasskey } from './passkeys/registration';
export {
  passkeySecondStepOptions,
  passkeySignInOptions,
  passkeyStepUpOptions,
  signInWithPasskey,
} from './passkeys/sign-in';
export { listPasskeys, removePasskey, renamePasskey } from './passkeys/manage';

export { AuthError, domainErrorOf, tokenNotValid } from './errors';
export { defineAuthConfig, MIN_SECRET_BYTES, type AuthConfig } from './config';
export { createManualClock, systemClock } from './clock';
export { createTokenService } from './tokens';
export { createKeyring, type Keyring } from './keys/keyring';
export { createMailWorker } from './mail/worker';
export {
  createDevInboxTransport,
  createSmtpTransport,
  type DeliveredMail,
  type MailTransport,
  type SmtpConfig,
} from './mail/transport';
export { startPurgeTimer } from './maintenance/purge';
export { createSecretBox } from './crypto/secret-box';
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
export { createWebhookWorker, type WebhookWorker } from './webhooks/worker';
export { webhookSecretBox } from './webhooks/signing';
