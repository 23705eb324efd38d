export interface AuthConfig {
  /** Signs JWTs (HS256). At least 32 bytes. */
  jwtSecret: Uint8Array;
  /** Keys the HMAC under which codes are stored. At least 32 bytes. */
  otpSecret: Uint8Array;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bcryptCost: number;
  otpTtlSeconds: number;
  maxOtpAttempts: number;
  otpResendCooldownSeconds: number;
  otpMaxSendsPerHour: number;
  /** Lifetime of the token that carries a sign-in from the password to the second factor. */
  mfaTokenTtlSeconds: number;
  productName: string;
  mailFrom: string;
}

export const authDefaults = {
  jwtIssuer: 'otp-auth',
  jwtAudience: 'otp-auth',
  accessTokenTtlSeconds: 5 * 60,
  refreshTokenTtlSeconds: 24 * 60 * 60,
  bcryptCost: 12,
  otpTtlSeconds: 10 * 60,
  maxOtpAttempts: 3,
  otpResendCooldownSeconds: 60,
  otpMaxSendsPerHour: 5,
  mfaTokenTtlSeconds: 5 * 60,
  productName: 'otp-auth',
  mailFrom: 'otp-auth <no-reply@localhost>',
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
