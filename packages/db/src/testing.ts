// @otp-auth/db/testing — isolated, migrated databases for tests.
import { applyMigrations } from './apply';
import type { Database } from './handle';
import { databaseFromPGlite } from './pglite-database';
import { createPGlite } from './pglite';
import { createPostgresTestDatabase } from './test-postgres';
import { pgliteImage } from './pglite-cache';
import { postgresTestUrl } from './test-helpers';

export { resetDatabase } from './reset';
export type { Database } from './handle';

export type TestDatabaseKind = 'pglite' | 'postgres';

/**
 * A fresh migrated database of its own: a new database on the server at TEST_DATABASE_URL
 * (dropped by close()), else an in-memory PGlite started from a cached, migrated data dir.
 * A test that must run on both names the kind: `postgres` is then the server the test run
 * provides (TEST_DATABASE_URL, or the one test/global-setup.ts starts).
 */
export async function createTestDatabase(kind?: TestDatabaseKind): Promise<Database> {
  const serverUrl =
    kind === 'postgres' ? postgresTestUrl() : kind ? undefined : process.env.TEST_DATABASE_URL;
  if (serverUrl) return createPostgresTestDatabase(serverUrl);
  const db = databaseFromPGlite(await createPGlite({ loadDataDir: await pgliteImage('migrated') }));
  try {
    await applyMigrations(db); // a no-op (~20 ms) unless the cached image is stale
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

// For tests that start servers of their own (several processes on one database).
export { emptyPostgresDatabase, postgresTestUrl } from './test-helpers';
// A listener that never hears its channel (as behind a transaction pooler).
export { startDeafProxy } from './deaf-proxy';
