import type { PrismaClient } from './generated/prisma/client';

/** The Database handle: a Prisma client over PostgreSQL (pg pool) or PGlite, plus close(). */
export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}
