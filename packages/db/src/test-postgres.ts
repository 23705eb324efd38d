// Fresh, uniquely named databases on a test server (TEST_DATABASE_URL), dropped on close.
// Migrating one takes ~0.2 s with the WASM engine, so each gets its own migration run rather
// than a CREATE DATABASE ... TEMPLATE cache (which would need cross-process locking).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from './apply';
import { databaseFromUrl, type Database } from './database';

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresTestDatabase(serverUrl: string): Promise<Database> {
  const name = `otp_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    admin(serverUrl, async (c) => {
      // pg's pool.end() resolves before its sockets have closed; terminating a connection still
      // closing makes pg raise an uncaught error in the test process. Let them go first.
      for (let waited = 0; waited < 2_000; waited += 20) {
        const open = await c.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if ((open.rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  const db = databaseFromUrl(url.toString(), { onClose: drop });
  try {
    await applyMigrations(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
