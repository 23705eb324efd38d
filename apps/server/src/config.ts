import { resolve } from 'node:path';
import {
  defineAuthConfig,
  type AuthConfig,
  type ExternalProviderSettings,
  type SmtpConfig,
} from '@otp-auth/auth';
import { migrationsDir, repoRoot } from '@otp-auth/db';
import type { Env } from './env';
import { parseTrustProxy, type TrustProxy } from './http/client-ip';
import { withOverrides, type RateLimitSettings } from './rate-limits';
import { loadSecrets } from './secrets';
import { smtpConfigFrom } from './smtp-config';

export { repoRoot };

/** Production with no way to deliver mail would let nobody finish signing up. */
const MAIL_REQUIRED_MESSAGE =
  'No mail delivery configured: set EMAIL_HOST (or SMTP_URL), or MAIL_TO_LOG=true to send ' +
  'mail to the log (recipients only) on purpose.';

export interface ServerConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** Name PostgreSQL statements (DATABASE_PREPARED_STATEMENTS, default true; ADR 103). */
  databasePreparedStatements: boolean;
  dataDir: string;
  webDist: string;
  auth: AuthConfig;
  smtp: SmtpConfig | undefined;
  /** Apply pending migrations at start-up (MIGRATE_ON_START, default true). */
  migrateOnStart: boolean;
  migrationsDir: string;
  queryCompilerTier: Env['QUERY_COMPILER_TIER'];
  mail: { maxAttempts: number; retryBaseMs: number; retentionDays: number };
  webhooks: {
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    timeoutMs: number;
    retentionDays: number;
  };
  purgeIntervalMs: number;
  /** Unverified accounts are deleted this long after registering (PENDING_ACCOUNT_TTL_HOURS). */
  pendingAccountTtlMs: number;
  /** Cache-Control max-age of the JWKS. */
  jwksMaxAgeSeconds: number;
  logLevel: Env['LOG_LEVEL'];
  /** Null when RATE_LIMITS=off (benchmarks only). */
  rateLimits: RateLimitSettings | null;
  trustProxy: TrustProxy;
  /** Origins allowed to call the API from a browser; empty means same origin only. */
  corsOrigins: string[];
  /** Sign-in providers (OIDC_PROVIDERS). */
  oidcProviders: ExternalProviderSettings[];
  /** The origin people open the app at (PUBLIC_URL); unset: the server's own address. */
  publicUrl: string | undefined;
  /** Where `pnpm dev` runs its identity provider. */
  devIdpPort: number;
}

/** Behind a proxy the server cannot know the address browsers use, which providers must be
 * told exactly. */
export const PUBLIC_URL_REQUIRED_MESSAGE =
  'OIDC_PROVIDERS is set: set PUBLIC_URL too (the https:// origin people open the app at), ' +
  'so that providers send the browser back to the right address.';

export async function loadConfig(env: Env): Promise<ServerConfig> {
  const smtp = smtpConfigFrom(env);
  if (env.NODE_ENV === 'production' && !smtp && !env.MAIL_TO_LOG) {
    throw new Error(MAIL_REQUIRED_MESSAGE);
  }
  if (env.NODE_ENV === 'production' && env.OIDC.length > 0 && !env.PUBLIC_URL) {
    throw new Error(PUBLIC_URL_REQUIRED_MESSAGE);
  }
  const dataDir = resolve(repoRoot, env.DATA_DIR ?? '.data');
  const secrets = await loadSecrets({
    JWT_SECRET: env.JWT_SECRET,
    OTP_SECRET: env.OTP_SECRET,
    required: env.NODE_ENV === 'production' && env.DATABASE_URL !== undefined,
    dataDir,
  });
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    webDist: resolve(repoRoot, env.WEB_DIST ?? 'apps/web/dist'),
    logLevel: env.LOG_LEVEL,
    rateLimits: env.RATE_LIMITS
      ? withOverrides({
          register: env.RATE_LIMIT_REGISTER,
          login: env.RATE_LIMIT_LOGIN,
          verify: env.RATE_LIMIT_VERIFY,
          resend: env.RATE_LIMIT_RESEND,
          refresh: env.RATE_LIMIT_REFRESH,
          change_password: env.RATE_LIMIT_CHANGE_PASSWORD,
          two_factor: env.RATE_LIMIT_TWO_FACTOR,
          forgot_password: env.RATE_LIMIT_FORGOT_PASSWORD,
          reset_password: env.RATE_LIMIT_RESET_PASSWORD,
          change_email: env.RATE_LIMIT_CHANGE_EMAIL,
          delete_account: env.RATE_LIMIT_DELETE_ACCOUNT,
          external_sign_in: env.RATE_LIMIT_EXTERNAL_SIGN_IN,
          passkey: env.RATE_LIMIT_PASSKEY,
        })
      : null,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter((origin) => origin !== ''),
    auth: defineAuthConfig({
      ...secrets,
      maxOtpAttempts: env.MAX_OTP_ATTEMPTS,
      otpTtlSeconds: env.OTP_TTL_SECONDS,
      otpResendCooldownSeconds: env.OTP_RESEND_COOLDOWN_SECONDS,
      otpMaxSendsPerHour: env.OTP_MAX_SENDS_PER_HOUR,
      secondFactorMaxFailures: env.SECOND_FACTOR_MAX_FAILURES,
      secondFactorLockSeconds: env.SECOND_FACTOR_LOCK_SECONDS,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxLifetimeSeconds: env.SESSION_MAX_LIFETIME_SECONDS,
      signingKeyRotationSeconds: Math.round(env.SIGNING_KEY_ROTATION_DAYS * 86_400),
      signingKeyPublishAheadSeconds:
        env.SIGNING_KEY_PUBLISH_AHEAD_SECONDS ?? env.JWKS_MAX_AGE_SECONDS,
      signingKeyRefreshSeconds: env.SIGNING_KEY_REFRESH_SECONDS,
      bcryptCost: env.BCRYPT_COST,
      hashQueueLimit: env.HASH_QUEUE_LIMIT,
      productName: env.PRODUCT_NAME,
      mailFrom: env.DEFAULT_FROM_EMAIL,
      webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      webhookSecretGraceSeconds: env.WEBHOOK_SECRET_GRACE_SECONDS,
      webauthnRpId: env.WEBAUTHN.rpId,
      webauthnOrigins: env.WEBAUTHN.origins,
    }),
    smtp,
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    migrateOnStart: env.MIGRATE_ON_START,
    migrationsDir,
    queryCompilerTier: env.QUERY_COMPILER_TIER,
    mail: {
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
      retryBaseMs: env.MAIL_RETRY_BASE_MS,
      retentionDays: env.MAIL_RETENTION_DAYS,
    },
    webhooks: {
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: env.WEBHOOK_RETRY_MAX_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retentionDays: env.WEBHOOK_RETENTION_DAYS,
    },
    purgeIntervalMs: env.PURGE_INTERVAL_SECONDS * 1000,
    pendingAccountTtlMs: Math.round(env.PENDING_ACCOUNT_TTL_HOURS * 3_600_000),
    jwksMaxAgeSeconds: env.JWKS_MAX_AGE_SECONDS,
    oidcProviders: env.OIDC,
    publicUrl: env.PUBLIC_URL,
    devIdpPort: env.DEV_IDP_PORT,
  };
}
