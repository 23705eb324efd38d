// A Database over an embedded PGlite (one instance only).
import type { PGlite } from '@electric-sql/pglite';
import { pgliteAdapterFactory } from './adapters-pglite';
import { once, subscriptions, type Database } from './handle';
import { PrismaClient } from './generated/prisma/client';
import { listenPGlite } from './notifications';
import { rememberTarget } from './target';

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
