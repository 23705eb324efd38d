// Shared by this package's tests only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './handle';
import { databaseFromPGlite } from './pglite-database';
import { createPGlite } from './pglite';
import { pgliteImage } from './pglite-cache';

/** Creates an empty database on the test server; returns its URL and a dropper. */
/** The PostgreSQL server for PostgreSQL-only tests (see test/global-setup.ts). */
export function postgresTestUrl(): string {
  const url = process.env.POSTGRES_TEST_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('no PostgreSQL for tests: run them through the root vitest config');
  return url;
}

export async function emptyPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `otp_test_empty_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** An unmigrated in-memory PGlite Database, started from the cached empty image (fast). */
export async function emptyPGliteDatabase(): Promise<Database> {
  return databaseFromPGlite(await createPGlite({ loadDataDir: await pgliteImage('empty') }));
}
