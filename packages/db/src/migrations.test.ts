import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus, openDatabase, type Database } from './index';
import { committedMigrations } from './migration-files';

describe('migrations on PGlite', () => {
  let db: Database;
  let committed: { name: string; checksum: string }[];

  beforeAll(async () => {
    committed = await committedMigrations();
    db = await openDatabase({ migrate: false });
  });
  afterAll(() => db.close());

  it('has at least the init migration committed', () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(committed[0]?.name).toMatch(/^\d{14}_init$/);
  });

  it('reports everything pending before migrating', async () => {
    const status = await migrationStatus(db);
    expect(status.upToDate).toBe(false);
    expect(status.pending).toEqual(committed.map((m) => m.name));
  });

  it('applies every committed migration, then nothing the second time', async () => {
    expect(db.kind).toBe('pglite');
    const first = await applyMigrations(db);
    expect(first.applied).toEqual(committed.map((m) => m.name));
    const second = await applyMigrations(db);
    expect(second.applied).toEqual([]);
  });

  it('records one _prisma_migrations row per migration, as migrate deploy does', async () => {
    const rows = await db.prisma.$queryRaw<
      { migration_name: string; checksum: string; steps: number; done: boolean }[]
    >`
      SELECT migration_name, checksum, applied_steps_count AS steps, finished_at IS NOT NULL AS done
      FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows).toEqual(
      committed.map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        steps: 1,
        done: true,
      })),
    );
    expect(await migrationStatus(db)).toMatchObject({
      upToDate: true,
      pending: [],
      failed: [],
      changed: [],
    });
  });

  it('stores and reads a user', async () => {
    const created = await db.prisma.user.create({
      data: {
        email: 'a@example.com',
        username: 'alice',
        usernameKey: 'alice',
        phoneNumber: '+15550100',
      },
    });
    const read = await db.prisma.user.findUniqueOrThrow({ where: { email: 'a@example.com' } });
    expect(read).toEqual(created);
    expect(read.isActive).toBe(true);
    expect(read.emailVerifiedAt).toBeNull();
  });
});

describe('openDatabase on a PGlite data dir', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'otp-auth-pglite-')), 'nested', 'pglite');
  });
  afterAll(() => rm(join(dataDir, '..', '..'), { recursive: true, force: true }));

  it('migrates on open (by default) and keeps data across reopen', async () => {
    const logs: string[] = [];
    const first = await openDatabase({ dataDir, log: (m) => logs.push(m) });
    expect(logs.join('\n')).toMatch(/one instance only[\s\S]*applied/);
    await first.prisma.user.create({
      data: { email: 'p@example.com', username: 'p', usernameKey: 'p', phoneNumber: '1' },
    });
    await first.close();

    const again = await openDatabase({ dataDir });
    try {
      expect((await applyMigrations(again)).applied).toEqual([]);
      expect(await again.prisma.user.count()).toBe(1);
    } finally {
      await again.close();
    }
  });
});
