export { PrismaClient, Prisma } from './generated/prisma/client';
export { openDatabase, type Database } from './database';
export {
  SESSION_EVENTS_CHANNEL,
  WEBHOOK_EVENTS_CHANNEL,
  LISTENER_APPLICATION_NAME,
  type NotificationHandlers,
} from './notifications';
export { applyMigrations } from './apply';
export { migrationStatus } from './status';
export { isDatabaseUnavailable } from './unavailable';
export { repoRoot, migrationsDir } from './paths';
