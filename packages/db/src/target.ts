// What migrations run against: a PostgreSQL URL or a PGlite instance. openDatabase() remembers
// the target of each Database it returns, so callers can pass the Database itself.
import type { PGlite } from '@electric-sql/pglite';

export type MigrationTarget = { url: string } | { pglite: PGlite };

const targets = new WeakMap<object, MigrationTarget>();

export function rememberTarget(db: object, target: MigrationTarget): void {
  targets.set(db, target);
}

export function resolveTarget(x: object): MigrationTarget {
  const target = targets.get(x) ?? x;
  if ('url' in target || 'pglite' in target) return target as MigrationTarget;
  throw new Error('not a Database from openDatabase(), nor a { url } or { pglite } target');
}
