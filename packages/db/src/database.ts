// The Database handle: a Prisma client over PostgreSQL (pg pool) or PGlite, plus close().
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations } from './apply';
import { PrismaClient } from './generated/prisma/client';
import type { Database } from './handle';
import { createPGlite } from './pglite';
import { pgAdapterFactory, pgliteAdapterFactory } from './adapters';
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
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.url
    ? databaseFromUrl(options.url)
    : databaseFromPGlite(await createPGlite({ dataDir: options.dataDir }));
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

export function databaseFromUrl(url: string, onClose?: () => Promise<void>): Database {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server ends (a restart, a failover, DROP … WITH (FORCE)) is dropped
  // from the pool and replaced on demand; without a listener its error would end the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: pgAdapterFactory(pool) });
  const db: Database = {
    prisma,
    kind: 'postgres',
    close: once(async () => {
      await prisma.$disconnect();
      await pool.end();
      await onClose?.();
    }),
  };
  rememberTarget(db, { url });
  return db;
}

export function databaseFromPGlite(pglite: PGlite): Database {
  const prisma = new PrismaClient({ adapter: pgliteAdapterFactory(pglite) });
  const db: Database = {
    prisma,
    kind: 'pglite',
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
    }),
  };
  rememberTarget(db, { pglite });
  return db;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
