import type { ExternalProviderSettings } from '@otp-auth/auth';
import { z } from 'zod';
import { parseOidcProviders } from './oidc-settings';
import { limitSpec, loginLimitSpec } from './rate-limits';
import { webauthnProblems, webauthnSettings, type WebauthnSettings } from './webauthn-settings';

/** "true"/"false"/"1"/"0" in any case. (z.coerce.boolean would read "False" as true.) */
const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0']))
  .transform((value) => value === 'true' || value === '1');

const seconds = z.coerce.number().int().positive();
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(blankAsUndefined, z.string().optional());

const databaseUrl = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
);

const envSchema = z
  .object({
    /** Production unless said otherwise: a release started as `node .` must not run with the
     * dev inbox and plain-HTTP cookies. `pnpm dev` and the tests set it themselves. */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    DATABASE_URL: databaseUrl,
    DATA_DIR: optionalString,
    WEB_DIST: optionalString,
    JWT_SECRET: optionalString,
    OTP_SECRET: optionalString,
    MAX_OTP_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    OTP_TTL_SECONDS: seconds.default(600),
    OTP_RESEND_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(60),
    OTP_MAX_SENDS_PER_HOUR: z.coerce.number().int().min(1).default(5),
    /** Wrong second-step codes in a row that lock an account's second step, and for how long. */
    SECOND_FACTOR_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(10),
    SECOND_FACTOR_LOCK_SECONDS: seconds.default(3600),
    ACCESS_TOKEN_TTL_SECONDS: seconds.default(300),
    REFRESH_TOKEN_TTL_SECONDS: seconds.default(86_400),
    /** A session ends this long after sign-in, however often it is refreshed (30 days). */
    SESSION_MAX_LIFETIME_SECONDS: seconds.default(2_592_000),
    /** A new access-token signing key this often (fractions allowed). */
    SIGNING_KEY_ROTATION_DAYS: z.coerce.number().positive().default(30),
    /** A new key is in the JWKS this long before it signs; by default JWKS_MAX_AGE_SECONDS. */
    SIGNING_KEY_PUBLISH_AHEAD_SECONDS: z.preprocess(
      blankAsUndefined,
      z.coerce.number().int().min(0).optional(),
    ),
    /** How often each instance rereads the keys: a rotation reaches every instance within it. */
    SIGNING_KEY_REFRESH_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
    /** Cache-Control max-age of /.well-known/jwks.json. */
    JWKS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    /** Password hashes that may wait for a hashing thread before sign-ins get a 503. */
    HASH_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(64),
    PRODUCT_NAME: z.string().min(1).default('otp-auth'),
    EMAIL_HOST: optionalString,
    EMAIL_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    EMAIL_USE_TLS: booleanFlag.default(false),
    EMAIL_USE_SSL: booleanFlag.default(false),
    EMAIL_HOST_USER: optionalString,
    EMAIL_HOST_PASSWORD: optionalString,
    DEFAULT_FROM_EMAIL: z.string().min(3).default('otp-auth <no-reply@localhost>'),
    RATE_LIMITS: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off', 'true', 'false', '1', '0']))
      .transform((value) => value === 'on' || value === 'true' || value === '1')
      .default(true),
    RATE_LIMIT_REGISTER: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_LOGIN: z.preprocess(blankAsUndefined, loginLimitSpec.optional()),
    RATE_LIMIT_VERIFY: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_RESEND: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_REFRESH: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_CHANGE_PASSWORD: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_TWO_FACTOR: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_FORGOT_PASSWORD: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_RESET_PASSWORD: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_CHANGE_EMAIL: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_DELETE_ACCOUNT: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_EXTERNAL_SIGN_IN: z.preprocess(blankAsUndefined, limitSpec.optional()),
    RATE_LIMIT_PASSKEY: z.preprocess(blankAsUndefined, limitSpec.optional()),
    /** The origin people open the app at; providers send the browser back to
     * PUBLIC_URL/api/oidc/<id>/callback. */
    PUBLIC_URL: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .regex(/^https?:\/\/[^/?#]+$/, 'PUBLIC_URL must be an origin: https://host[:port], no path')
        .optional(),
    ),
    /** Passkeys: the site's domain, and the origins the app is opened at (comma-separated);
     * by default PUBLIC_URL's, or localhost (webauthn-settings.ts). */
    WEBAUTHN_RP_ID: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .regex(/^[a-z0-9.-]+$/i, 'WEBAUTHN_RP_ID must be a domain name, e.g. auth.example.com')
        .optional(),
    ),
    WEBAUTHN_ORIGINS: optionalString,
    /** The development identity provider's port (`pnpm dev` only). */
    DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(8001),
    TRUST_PROXY: optionalString,
    CORS_ORIGINS: optionalString,
    /** One URL instead of the EMAIL_* names: smtp://user:pass@host:587 (STARTTLS when the server
     * offers it; ?starttls=required to insist) or smtps://host:465 (TLS from the first byte). */
    SMTP_URL: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .regex(/^smtps?:\/\/[^/]/, 'SMTP_URL must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    /** False only for a private relay with a self-signed certificate. */
    EMAIL_TLS_REJECT_UNAUTHORIZED: booleanFlag.default(true),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
    PURGE_INTERVAL_SECONDS: seconds.default(3_600),
    /** Accounts whose address nobody verified within this long are deleted (ADR 123). */
    PENDING_ACCOUNT_TTL_HOURS: z.coerce.number().positive().default(72),
    /** How long delivered and failed outbox rows are kept for inspection. */
    MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    /** Webhook endpoints may be private or loopback addresses: tests and development only. */
    WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
    /** Attempts before a webhook delivery is given up (the dead letter). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(18),
    /** The first retry's delay; doubled each time, with jitter, up to WEBHOOK_RETRY_MAX_MS. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5_000),
    WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
    /** How long one webhook request may take. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** After a rotation, how long the previous secret signs too. */
    WEBHOOK_SECRET_GRACE_SECONDS: z.coerce.number().int().min(0).default(86_400),
    /** How long delivered and failed deliveries stay in the log. */
    WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    /** Production without SMTP: write mail to the log on purpose instead of refusing to start. */
    MAIL_TO_LOG: booleanFlag.default(false),
    /** `optimizing` lets V8 optimise Prisma's query compiler: faster, about 50-120 MB more. */
    QUERY_COMPILER_TIER: z.enum(['baseline', 'optimizing']).default('baseline'),
    /** False when a pooler between us and PostgreSQL cannot keep prepared statements. */
    DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
    /** False leaves migrations to a release step (`pnpm db:migrate`). */
    MIGRATE_ON_START: booleanFlag.default(true),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((env, ctx) => {
    // Every instance must have read a new key before it activates, or one still signing with the
    // old key would outlive the old key's stay in the JWKS.
    const ahead = env.SIGNING_KEY_PUBLISH_AHEAD_SECONDS ?? env.JWKS_MAX_AGE_SECONDS;
    if (ahead < env.SIGNING_KEY_REFRESH_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SIGNING_KEY_PUBLISH_AHEAD_SECONDS'],
        message: `must be at least SIGNING_KEY_REFRESH_SECONDS (${String(env.SIGNING_KEY_REFRESH_SECONDS)})`,
      });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  /** OIDC_PROVIDERS and the OIDC_<ID>_* settings of each (oidc-settings.ts). */
  OIDC: ExternalProviderSettings[];
  /** WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS, or their defaults (webauthn-settings.ts). */
  WEBAUTHN: WebauthnSettings;
};

/** The only place that reads process.env. Exits with a readable list of what is wrong. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  const oidc = parseOidcProviders(source);
  const webauthn = result.success ? webauthnSettings(result.data) : undefined;
  const lines = [
    ...(result.error?.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`) ?? []),
    ...oidc.problems,
    ...(webauthn ? webauthnProblems(webauthn) : []),
  ];
  if (result.success && webauthn && lines.length === 0) {
    return { ...result.data, OIDC: oidc.providers, WEBAUTHN: webauthn };
  }
  throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}

/** The settings `migrate.js` reads: where the database is. */
export function parseMigrationEnv(source: NodeJS.ProcessEnv = process.env) {
  const result = z
    .object({ DATABASE_URL: databaseUrl, DATA_DIR: optionalString })
    .safeParse(source);
  if (result.success) return result.data;
  throw new Error(`Invalid environment: ${result.error.issues.map((i) => i.message).join('; ')}`);
}
