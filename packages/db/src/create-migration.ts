// `prisma migrate dev --create-only` without the native engine: diff the committed migrations
// (replayed on a throwaway in-memory PGlite) against schema.prisma and write the SQL.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { withSchemaEngine } from './engine';
import { LOCKFILE, LOCKFILE_CONTENT, readMigrationList } from './migration-files';
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from './paths';
import { createPGlite } from './pglite';
import { pgliteAdapterFactory } from './adapters-pglite';
import { pgliteImage } from './pglite-cache';

export interface CreateMigrationOptions {
  migrationsDir?: string;
  schemaPath?: string;
  now?: Date;
  log?: (msg: string) => void;
}

/** Prisma's folder stamp: UTC YYYYMMDDHHMMSS. */
export function migrationTimestamp(d: Date): string {
  return d.toISOString().replace(/\D/g, '').slice(0, 14);
}

export function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`migration name "${name}" has no letters or digits`);
  return slug.slice(0, 200);
}

/** Returns the new migration's folder and SQL, or null when the schema has no changes. */
export async function createMigration(
  name: string,
  options: CreateMigrationOptions = {},
): Promise<{ dir: string; sql: string } | null> {
  const dir = options.migrationsDir ?? defaultMigrationsDir;
  const schemaFile = options.schemaPath ?? defaultSchemaPath;
  const slug = migrationSlug(name);
  const schema = { path: basename(schemaFile), content: await readFile(schemaFile, 'utf8') };
  const list = await readMigrationList(dir);
  const lock = list.lockfile.content;
  if (lock !== null && !/provider\s*=\s*"postgresql"/.test(lock)) {
    throw new Error(`${LOCKFILE} names another provider; this project is postgresql only`);
  }

  // One in-memory PGlite (from the cached empty image) serves as both the engine's main
  // connection (opened eagerly, unused by this diff) and its shadow database.
  const pglite = await createPGlite({ loadDataDir: await pgliteImage('empty') });
  const factory = pgliteAdapterFactory(pglite, pglite);
  try {
    const result = await withSchemaEngine(factory, { log: options.log }, (engine) =>
      engine.diff({
        // Even with no migrations yet: replaying nothing onto a fresh shadow database (which has
        // `public`) gives what `migrate dev` writes, without the CREATE SCHEMA `empty` adds. The
        // engine reads the provider from the lockfile, which a first migration lacks.
        from: {
          tag: 'migrations',
          ...list,
          lockfile: { ...list.lockfile, content: lock ?? LOCKFILE_CONTENT },
        },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: true, // 2 = there is a difference, 0 = none
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    if (result.exitCode !== 2 || !result.stdout?.trim()) return null;
    const folder = join(dir, `${migrationTimestamp(options.now ?? new Date())}_${slug}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'migration.sql'), result.stdout, 'utf8');
    if (lock === null) await writeFile(join(dir, LOCKFILE), LOCKFILE_CONTENT, 'utf8');
    return { dir: folder, sql: result.stdout };
  } finally {
    await pglite.close();
  }
}
