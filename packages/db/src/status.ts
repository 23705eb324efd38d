// Compares `_prisma_migrations` with the committed folder, for /readyz and `db:migrate` output.
import type { Database } from './handle';
import { committedMigrations } from './migration-files';
import { migrationsDir as defaultMigrationsDir } from './paths';

export interface MigrationStatus {
  /** Every committed migration is applied and none has failed. */
  upToDate: boolean;
  applied: string[];
  /** Committed but not (yet, or not successfully) applied. */
  pending: string[];
  /** Started and never finished nor rolled back: needs a human (`prisma migrate resolve`). */
  failed: string[];
  /** Applied, but the file changed since (checksum differs). Reported, not fatal. */
  changed: string[];
}

interface Row {
  migration_name: string;
  checksum: string;
  finished: boolean;
}

// The folder cannot change under a running process: read it once.
const committedCache = new Map<string, ReturnType<typeof committedMigrations>>();

export async function migrationStatus(
  db: Pick<Database, 'prisma'>,
  options: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const dir = options.migrationsDir ?? defaultMigrationsDir;
  let committed = committedCache.get(dir);
  if (!committed) committedCache.set(dir, (committed = committedMigrations(dir)));

  const [{ present } = { present: false }] = await db.prisma.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  const rows = present
    ? await db.prisma.$queryRaw<Row[]>`
        SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
        FROM _prisma_migrations WHERE rolled_back_at IS NULL`
    : [];

  const done = new Map(rows.filter((r) => r.finished).map((r) => [r.migration_name, r.checksum]));
  const failed = rows.filter((r) => !r.finished).map((r) => r.migration_name);
  const all = await committed;
  const pending = all.filter((m) => !done.has(m.name)).map((m) => m.name);
  const changed = all
    .filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum)
    .map((m) => m.name);
  return {
    upToDate: pending.length === 0 && failed.length === 0,
    applied: all.filter((m) => done.has(m.name)).map((m) => m.name),
    pending,
    failed,
    changed,
  };
}
