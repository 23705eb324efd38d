// Applies prisma/migrations through Prisma's WASM schema engine, so `_prisma_migrations` is
// written exactly as `prisma migrate deploy` writes it (and that command can take over later).
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { withSchemaEngine } from './engine';
import { readMigrationList } from './migration-files';
import { migrationsDir } from './paths';
import { pgAdapterFactory } from './adapters';
import type { Database } from './handle';
import { resolveTarget, type MigrationTarget } from './target';

export interface ApplyOptions {
  migrationsDir?: string;
  log?: (msg: string) => void;
}

export interface ApplyResult {
  /** Migrations applied by this call, in order; empty when the database was up to date. */
  applied: string[];
  ms: number;
}

// Our own advisory-lock key, not Prisma's 72707369: the engine takes that one itself (and never
// lets go, hence the throwaway connection). Instances starting at once queue here.
const LOCK_KEY = 4_242_007_001;

export async function applyMigrations(
  target: Database | MigrationTarget,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const started = performance.now();
  const resolved = resolveTarget(target);
  const migrationsList = await readMigrationList(options.migrationsDir ?? migrationsDir);
  const run = (adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> =>
    withSchemaEngine(adapter, { log: options.log }, async (engine) => {
      const out = await engine.applyMigrations({
        migrationsList,
        filters: { externalTables: [], externalEnums: [] },
      });
      return out.appliedMigrationNames;
    });
  let applied: string[];
  if ('pglite' in resolved) {
    // PGlite is one connection owned by one process: nothing to race with.
    const { pgliteAdapterFactory } = await import('./adapters-pglite');
    applied = await run(pgliteAdapterFactory(resolved.pglite));
  } else {
    // One connection for lock and engine alike: session locks die with it on pool.end().
    const pool = new pg.Pool({ connectionString: resolved.url, max: 1 });
    try {
      await pool.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
      applied = await run(pgAdapterFactory(pool, { preparedStatements: false }));
      await pool.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    } finally {
      await pool.end();
    }
  }
  for (const name of applied) options.log?.(`applied migration ${name}`);
  return { applied, ms: Math.round(performance.now() - started) };
}
