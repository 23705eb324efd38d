// Migration scripts run whole, as one transaction, on PGlite and PostgreSQL alike: semicolons
// inside function bodies and strings survive, and a failing script leaves nothing behind.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus, openDatabase, type Database } from './index';
import { LOCKFILE, LOCKFILE_CONTENT } from './migration-files';
import { emptyPGliteDatabase, emptyPostgresDatabase, postgresTestUrl } from './test-helpers';

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

async function migrationsWith(name: string, sql: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'otp-auth-migrations-'));
  temps.push(dir);
  await writeFile(join(dir, LOCKFILE), LOCKFILE_CONTENT);
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, 'migration.sql'), sql);
  return dir;
}

const GOOD = `CREATE TABLE notes (body TEXT NOT NULL DEFAULT 'a;b');
CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1; -- a semicolon; inside a comment
  RETURN 1;
END $$;
`;
const BAD = 'CREATE TABLE half_done (id int);\nSELECT nope FROM nowhere;\n';

const present = async (db: Database, table: string) =>
  (await db.prisma.$queryRaw<{ p: boolean }[]>`SELECT to_regclass(${table}) IS NOT NULL AS p`)[0]
    ?.p;

async function check(db: Database) {
  const good = await migrationsWith('20250101000000_good', GOOD);
  expect((await applyMigrations(db, { migrationsDir: good })).applied).toEqual([
    '20250101000000_good',
  ]);
  const [row] = await db.prisma.$queryRaw<{ one: number; body: string }[]>`
    INSERT INTO notes DEFAULT VALUES RETURNING one() AS one, body`;
  expect(row).toEqual({ one: 1, body: 'a;b' });

  const bad = await migrationsWith('20250101000000_bad', BAD);
  await expect(applyMigrations(db, { migrationsDir: bad })).rejects.toThrow(/nowhere/);
  expect(await migrationStatus(db, { migrationsDir: bad })).toMatchObject({
    upToDate: false,
    failed: ['20250101000000_bad'],
  });
  expect(await present(db, 'half_done')).toBe(false);
  await expect(applyMigrations(db, { migrationsDir: bad })).rejects.toThrow(/failed migrations/);
}

describe('migration scripts', () => {
  it('on PGlite', async () => {
    const db = await emptyPGliteDatabase();
    try {
      await check(db);
    } finally {
      await db.close();
    }
  });

  it('on PostgreSQL', async () => {
    const empty = await emptyPostgresDatabase(postgresTestUrl());
    const db = await openDatabase({ url: empty.url, migrate: false });
    try {
      await check(db);
    } finally {
      await db.close();
      await empty.drop();
    }
  });
});
