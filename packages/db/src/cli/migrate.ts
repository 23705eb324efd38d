// pnpm db:migrate — applies prisma/migrations to DATABASE_URL, else to the embedded PGlite dir
// the server uses by default.
import { applyMigrations } from '../apply';
import { databaseFromPGlite } from '../pglite-database';
import { defaultDataDir } from '../paths';
import { createPGlite } from '../pglite';
import { migrationStatus } from '../status';

const url = process.env.DATABASE_URL;
const log = (msg: string) => console.log(msg);

if (url) {
  console.log(`migrating ${new URL(url).host}${new URL(url).pathname}`);
  const { applied, ms } = await applyMigrations({ url }, { log });
  console.log(applied.length ? `${applied.length} applied in ${ms} ms` : `up to date (${ms} ms)`);
} else {
  const dataDir = defaultDataDir();
  console.log(`migrating embedded PGlite at ${dataDir}`);
  const db = databaseFromPGlite(await createPGlite({ dataDir }));
  try {
    const { applied, ms } = await applyMigrations(db, { log });
    console.log(applied.length ? `${applied.length} applied in ${ms} ms` : `up to date (${ms} ms)`);
    const status = await migrationStatus(db);
    if (status.changed.length)
      console.warn(`edited after being applied: ${status.changed.join(', ')}`);
  } finally {
    await db.close();
  }
}
