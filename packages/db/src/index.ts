export { PrismaClient, Prisma } from './generated/prisma/client';
export type {
  User,
  Password,
  EmailCode,
  Session,
  RefreshToken,
  OutboxMail,
  AuditEvent,
  WebhookEndpoint,
  WebhookDelivery,
  RateLimiterFlexible,
} from './generated/prisma/client';
export { openDatabase, type Database, type OpenDatabaseOptions } from './database';
export {
  SESSION_EVENTS_CHANNEL,
  WEBHOOK_EVENTS_CHANNEL,
  LISTENER_APPLICATION_NAME,
  type NotificationHandlers,
  type Subscription,
} from './notifications';
export { applyMigrations, type ApplyOptions, type ApplyResult } from './apply';
export { migrationStatus, type MigrationStatus } from './status';
export { isDatabaseUnavailable } from './unavailable';
export type { MigrationTarget } from './target';
export { defaultDataDir, repoRoot, migrationsDir, schemaPath } from './paths';
