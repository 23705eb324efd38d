export interface AuthConfig {
  /** Signs refresh tokens (HS256; access tokens are ES256 under the signing keys). At least 32
   * bytes. */
  jwtSecret: Uint8Array;
  /** Keys the HMAC under which codes are stored, and seals private signing keys. At least 32
   * bytes. */
  otpSecret: Uint8Array;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** A session ends this long after it opened, however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  /** A new access-token signing key this often. */
  signingKeyRotationSeconds: number;
  /** A new key is published this long before it signs, so that JWKS caches see it first. */
  signingKeyPublishAheadSeconds: number;
  /** How often each instance rereads the keys (and so picks up a rotation made elsewhere). */
  signingKeyRefreshSeconds: number;
  bcryptCost: number;
  /** Password hashes that may wait for a hashing thread; one more is refused with a 503. */
  hashQueueLimit: number;
  otpTtlSeconds: number;
  maxOtpAttempts: number;
  otpResendCooldownSeconds: number;
  otpMaxSendsPerHour: number;
  /** Lifetime of the token that carries a sign-in from the password to the second factor. */
  mfaTokenTtlSeconds: number;
  /** Wrong second-step codes in a row, across sign-ins, that lock an account's second step
   * (ADR 127), and for how long. */
  secondFactorMaxFailures: number;
  secondFactorLockSeconds: number;
  /** Resend, forgot-password and its confirmation answer no sooner than this, for known and
   * unknown addresses alike (see answer-floor.ts). */
  codeRequestFloorMs: number;
  productName: string;
  mailFrom: string;
  /** Webhook endpoints may be private or loopback addresses (tests, development; ADR 161). */
  webhookAllowPrivate: boolean;
  /** After a webhook secret is rotated, the previous one signs too for this long. */
  webhookSecretGraceSeconds: number;
  /** Passkeys: the relying party's id (the site's domain) and the origins the browser may
   * report (WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS). */
  webauthnRpId: string;
  webauthnOrigins: string[];
  /** How long a passkey challenge may wait for its answer. */
  passkeyChallengeTtlSeconds: number;
}

export const authDefaults = {
  jwtIssuer: 'otp-auth',
  jwtAudience: 'otp-auth',
  accessTokenTtlSeconds: 5 * 60,
  refreshTokenTtlSeconds: 24 * 60 * 60,
  sessionMaxLifetimeSeconds: 30 * 24 * 60 * 60,
  signingKeyRotationSeconds: 30 * 24 * 60 * 60,
  signingKeyPublishAheadSeconds: 5 * 60,
  signingKeyRefreshSeconds: 30,
  bcryptCost: 12,
  hashQueueLimit: 64,
  otpTtlSeconds: 10 * 60,
  maxOtpAttempts: 3,
  otpResendCooldownSeconds: 60,
  otpMaxSendsPerHour: 5,
  mfaTokenTtlSeconds: 5 * 60,
  secondFactorMaxFailures: 10,
  secondFactorLockSeconds: 60 * 60,
  codeRequestFloorMs: 150,
  productName: 'otp-auth',
  mailFrom: 'otp-auth <no-reply@localhost>',
  webhookAllowPrivate: false,
  webhookSecretGraceSeconds: 24 * 60 * 60,
  // What `pnpm dev` serves: the app on http://localhost:5173.
  webauthnRpId: 'localhost',
  webauthnOrigins: ['http://localhost:5173'],
  passkeyChallengeTtlSeconds: 5 * 60,
} satisfies Partial<AuthConfig>;

export const MIN_SECRET_BYTES = 32;

export function defineAuthConfig(
  config: Pick<AuthConfig, 'jwtSecret' | 'otpSecret'> & Partial<AuthConfig>,
): AuthConfig {
  for (const name of ['jwtSecret', 'otpSecret'] as const) {
    if (config[name].length < MIN_SECRET_BYTES) {
      throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes`);
    }
  }
  return { ...authDefaults, ...config };
}
