// Empties every app table (not `_prisma_migrations`), for tests that share one database.
import type { Database } from './handle';

export async function resetDatabase(db: Pick<Database, 'prisma'>): Promise<void> {
  const tables = await db.prisma.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await db.prisma.$executeRawUnsafe(
    `TRUNCATE TABLE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`,
  );
}
