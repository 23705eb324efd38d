// The Database handle: a Prisma client over PostgreSQL (pg pool) or PGlite, plus close().
// PGlite's modules are loaded only when it is used (pglite-database.ts).
import pg from 'pg';
import { applyMigrations } from './apply';
import { once, subscriptions, type Database } from './handle';
import { PrismaClient } from './generated/prisma/client';
import { pgAdapterFactory } from './adapters';
import { listenPostgres } from './notifications';
import { rememberTarget } from './target';

export type { Database };

export interface OpenDatabaseOptions {
  /** postgres:// or postgresql:// URL; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined = in memory. Ignored with `url`. */
  dataDir?: string;
  /** Apply committed migrations before returning (default true). */
  migrate?: boolean;
  /** Where the committed migrations are (default: `prisma/migrations` of this checkout). */
  migrationsDir?: string;
  log?: (msg: string) => void;
  /** PostgreSQL: name statements so each connection plans them once (default true; ADR 103).
   * Off behind a pooler that cannot keep them (PgBouncer before 1.21 in transaction mode). */
  preparedStatements?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.url
    ? databaseFromUrl(options.url, { preparedStatements: options.preparedStatements })
    : await openPGliteDatabase(options.dataDir);
  if (!options.url) {
    options.log?.(
      options.dataDir
        ? `embedded PGlite database in ${options.dataDir}: one instance only`
        : 'in-memory PGlite database',
    );
  }
  if (options.migrate ?? true) {
    try {
      const { applied, ms } = await applyMigrations(db, {
        log: options.log,
        migrationsDir: options.migrationsDir,
      });
      options.log?.(
        `migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'} (${ms} ms)`,
      );
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}

export function databaseFromUrl(
  url: string,
  options: { preparedStatements?: boolean; onClose?: () => Promise<void> } = {},
): Database {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server ends (a restart, a failover, DROP … WITH (FORCE)) is dropped
  // from the pool and replaced on demand; without a listener its error would end the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({
    adapter: pgAdapterFactory(pool, { preparedStatements: options.preparedStatements }),
  });
  const listeners = subscriptions();
  const db: Database = {
    prisma,
    kind: 'postgres',
    listen: (channel, handlers, listenerOptions) =>
      Promise.resolve(listeners.add(listenPostgres(url, channel, handlers, listenerOptions))),
    close: once(async () => {
      await listeners.closeAll();
      await prisma.$disconnect();
      await pool.end();
      await options.onClose?.();
    }),
  };
  rememberTarget(db, { url });
  return db;
}

async function openPGliteDatabase(dataDir: string | undefined): Promise<Database> {
  const [{ createPGlite }, { databaseFromPGlite }] = await Promise.all([
    import('./pglite'),
    import('./pglite-database'),
  ]);
  return databaseFromPGlite(await createPGlite({ dataDir }));
}
