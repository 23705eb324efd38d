// `node apps/server/dist/migrate.js` (a release's `npm run migrate`): applies the committed
// migrations to DATABASE_URL (or the embedded database) and exits, for deployments that start
// their servers with MIGRATE_ON_START=false.
import { join } from 'node:path';
import { applyMigrations, migrationsDir, openDatabase, repoRoot } from '@otp-auth/db';
import { parseMigrationEnv } from './env';

const env = parseMigrationEnv();
const db = await openDatabase({
  url: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : join(repoRoot, env.DATA_DIR ?? '.data', 'pglite'),
  migrate: false,
});
try {
  const { applied, ms } = await applyMigrations(db, { migrationsDir });
  const done = applied.length > 0 ? `applied ${applied.join(', ')}` : 'up to date';
  console.log(`migrations: ${done} (${ms} ms)`);
} finally {
  await db.close();
}
