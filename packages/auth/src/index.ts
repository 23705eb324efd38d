import { createAuthContext, type AuthDeps, type RequestMeta } from './context';
import { authenticate, changePassword, type AuthenticatedUser } from './flows/account';
import { login } from './flows/login';
import { register, type RegisterData } from './flows/register';
import { listSessions, revokeSession } from './flows/session-control';
import { resendOtp } from './flows/resend';
import { logout, logoutAll, refresh } from './flows/sessions';
import { verifyOtp } from './flows/verify';
import { invalidationHandlers } from './session-cache/invalidation';
import type { SecondFactorInput } from './two-factor/second-factor';
import {
  confirmTotp,
  disableTwoFactor,
  loginSecondStep,
  mfaChallengeEmail,
  regenerateRecoveryCodes,
  setupTotp,
  twoFactorStatus,
} from './two-factor';
import { forgotPassword, resetPassword } from './flows/recovery';
import { updateProfile, type ProfileChanges } from './flows/profile';
import { confirmEmailChange, requestEmailChange } from './flows/email-change';
import { deleteAccount } from './flows/account-deletion';
import { exportData } from './flows/export';

/** The auth domain, wired to its dependencies. Knows nothing of HTTP or tRPC. */
export function createAuthService(deps: AuthDeps) {
  const ctx = createAuthContext(deps);
  return {
    /** Verified tokens and live sessions of this process (ADR 100). */
    sessionCache: ctx.cache,
    /** Feed these with the database's session events (`Database.listen`): until then the
     * session cache is bypassed. */
    cacheInvalidation: invalidationHandlers(ctx.cache),
    register: (data: RegisterData, meta: RequestMeta = {}) => register(ctx, data, meta),
    verifyOtp: (data: { email: string; otp: string }, meta: RequestMeta = {}) =>
      verifyOtp(ctx, data, meta),
    resendOtp: (data: { email: string }) => resendOtp(ctx, data),
    login: (data: { email: string; password: string }, meta: RequestMeta = {}) =>
      login(ctx, data, meta),
    refresh: (token: string, meta: RequestMeta = {}) => refresh(ctx, token, meta),
    logout: (token: string, meta: RequestMeta = {}) => logout(ctx, token, meta),
    logoutAll: (userId: string, meta: RequestMeta = {}) => logoutAll(ctx, userId, meta),
    authenticate: (accessToken: string) => authenticate(ctx, accessToken),
    changePassword: (
      auth: AuthenticatedUser,
      data: { old_password: string; new_password: string },
      meta: RequestMeta = {},
    ) => changePassword(ctx, auth, data, meta),
    listSessions: (auth: AuthenticatedUser) => listSessions(ctx, auth),
    revokeSession: (auth: AuthenticatedUser, sessionId: string, meta: RequestMeta = {}) =>
      revokeSession(ctx, auth, sessionId, meta),
    loginSecondStep: (data: { mfa_token: string } & SecondFactorInput, meta: RequestMeta = {}) =>
      loginSecondStep(ctx, data, meta),
    mfaChallengeEmail: (token: string) => mfaChallengeEmail(ctx, token),
    setupTotp: (auth: AuthenticatedUser, data: { password: string }, meta: RequestMeta = {}) =>
      setupTotp(ctx, auth, data, meta),
    confirmTotp: (auth: AuthenticatedUser, data: { code: string }, meta: RequestMeta = {}) =>
      confirmTotp(ctx, auth, data, meta),
    twoFactorStatus: (auth: AuthenticatedUser) => twoFactorStatus(ctx, auth),
    regenerateRecoveryCodes: (
      auth: AuthenticatedUser,
      data: { password: string },
      meta: RequestMeta = {},
    ) => regenerateRecoveryCodes(ctx, auth, data, meta),
    disableTwoFactor: (
      auth: AuthenticatedUser,
      data: { password: string } & SecondFactorInput,
      meta: RequestMeta = {},
    ) => disableTwoFactor(ctx, auth, data, meta),
    forgotPassword: (data: { email: string }) => forgotPassword(ctx, data),
    resetPassword: (
      data: { email: string; otp: string; new_password: string },
      meta: RequestMeta = {},
    ) => resetPassword(ctx, data, meta),
    updateProfile: (auth: AuthenticatedUser, changes: ProfileChanges, meta: RequestMeta = {}) =>
      updateProfile(ctx, auth, changes, meta),
    requestEmailChange: (
      auth: AuthenticatedUser,
      data: { new_email: string; password: string },
      meta: RequestMeta = {},
    ) => requestEmailChange(ctx, auth, data, meta),
    confirmEmailChange: (auth: AuthenticatedUser, data: { otp: string }, meta: RequestMeta = {}) =>
      confirmEmailChange(ctx, auth, data, meta),
    deleteAccount: (auth: AuthenticatedUser, data: { password: string }) =>
      deleteAccount(ctx, auth, data),
    exportData: (auth: AuthenticatedUser, meta: RequestMeta = {}) => exportData(ctx, auth, meta),
    /** The one check of an access token's signature and claims (no database; see authenticate
     * for the session check). */
    verifyAccess: (accessToken: string) => ctx.tokens.verifyAccess(accessToken),
    /** The access-token signing keys: JWKS, rotation, reload, usable kids. */
    keys: ctx.keys,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
export type { AuthDeps, RequestMeta, AuthenticatedUser, RegisterData, ProfileChanges };
export { CODE_PURPOSES, type CodePurpose } from './code-purpose';
export { AuthError, tokenNotValid } from './errors';
export { authDefaults, defineAuthConfig, MIN_SECRET_BYTES, type AuthConfig } from './config';
export { systemClock, createManualClock, type Clock } from './clock';
export {
  createTokenService,
  type AccessClaims,
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
