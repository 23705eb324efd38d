// The Database handle: a Prisma client over PostgreSQL (pg pool) or PGlite, plus close().
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations } from './apply';
import { PrismaClient } from './generated/prisma/client';
import { createPGlite } from './pglite';
import { pgAdapterFactory, pgliteAdapterFactory } from './adapters';
import {
  listenPGlite,
  listenPostgres,
  type NotificationHandlers,
  type Subscription,
} from './notifications';
import { rememberTarget } from './target';

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** LISTENs on `channel` (see notifications.ts); close() ends every subscription first. */
  listen(channel: string, handlers: NotificationHandlers): Promise<Subscription>;
  close(): Promise<void>;
}

/** Keeps a database's subscriptions so that close() can end them before the connections. */
function subscriptions() {
  const open = new Set<Subscription>();
  return {
    add(subscription: Subscription): Subscription {
      open.add(subscription);
      return {
        close: async () => {
          open.delete(subscription);
          await subscription.close();
        },
      };
    },
    async closeAll() {
      await Promise.all([...open].map((subscription) => subscription.close()));
      open.clear();
    },
  };
}

export interface OpenDatabaseOptions {
  /** postgres:// or postgresql:// URL; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined = in memory. Ignored with `url`. */
  dataDir?: string;
  /** Apply committed migrations before returning (default true). */
  migrate?: boolean;
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
      const { applied, ms } = await applyMigrations(db, { log: options.log });
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
  const prisma = new PrismaClient({ adapter: pgAdapterFactory(pool) });
  const listeners = subscriptions();
  const db: Database = {
    prisma,
    kind: 'postgres',
    listen: (channel, handlers) =>
      Promise.resolve(listeners.add(listenPostgres(url, channel, handlers))),
    close: once(async () => {
      await listeners.closeAll();
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
  const listeners = subscriptions();
  const db: Database = {
    prisma,
    kind: 'pglite',
    listen: async (channel, handlers) =>
      listeners.add(await listenPGlite(pglite, channel, handlers)),
    close: once(async () => {
      await listeners.closeAll();
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
