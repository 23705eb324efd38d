import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMigration, migrationSlug, migrationTimestamp } from './create-migration';
import { LOCKFILE_CONTENT } from './migration-files';
import { schemaPath } from './paths';

describe('migration names', () => {
  it('uses a UTC YYYYMMDDHHMMSS stamp and a snake_case slug', () => {
    expect(migrationTimestamp(new Date('2025-03-04T05:06:07.891Z'))).toBe('20250304050607');
    expect(migrationSlug('Add OTP attempts!')).toBe('add_otp_attempts');
    expect(() => migrationSlug('--')).toThrow();
  });
});

describe('createMigration', () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const t of temps) await rm(t, { recursive: true, force: true });
  });

  it('finds no drift between prisma/schema.prisma and the committed migrations', async () => {
    const dirsBefore = await readdir(join(schemaPath, '..', 'migrations'));
    expect(await createMigration('drift_check')).toBeNull();
    expect(await readdir(join(schemaPath, '..', 'migrations'))).toEqual(dirsBefore);
  });

  it('writes an init migration and lockfile, then only the difference', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otp-auth-migrations-'));
    temps.push(dir);
    const schemaFile = join(dir, 'schema.prisma');
    const migrationsDir = join(dir, 'migrations');
    await writeFile(
      schemaFile,
      'datasource db {\n  provider = "postgresql"\n}\n\nmodel Thing {\n  id Int @id\n}\n',
    );
    const init = await createMigration('init', {
      schemaPath: schemaFile,
      migrationsDir,
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(init?.dir).toBe(join(migrationsDir, '20250101000000_init'));
    expect(init?.sql).toContain('CREATE TABLE "Thing"');
    expect(init?.sql).not.toContain('CREATE SCHEMA');
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(
      LOCKFILE_CONTENT,
    );

    await writeFile(
      schemaFile,
      `${await readFile(schemaFile, 'utf8')}\nmodel Other {\n  id Int @id\n}\n`,
    );
    const next = await createMigration('Add other', {
      schemaPath: schemaFile,
      migrationsDir,
      now: new Date('2025-01-02T00:00:00Z'),
    });
    expect(next?.dir).toBe(join(migrationsDir, '20250102000000_add_other'));
    expect(next?.sql).toContain('CREATE TABLE "Other"');
    expect(next?.sql).not.toContain('"Thing"');
  });
});
