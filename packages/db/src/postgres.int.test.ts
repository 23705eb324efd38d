// Runs against a real PostgreSQL: TEST_DATABASE_URL's server, or the one test/global-setup.ts starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus, openDatabase, type Database } from './index';
import { committedMigrations } from './migration-files';
import { emptyPostgresDatabase, postgresTestUrl } from './test-helpers';

const serverUrl = postgresTestUrl();

describe('migrations on PostgreSQL', () => {
  const drops: (() => Promise<void>)[] = [];
  let names: string[];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  beforeAll(async () => {
    names = (await committedMigrations()).map((m) => m.name);
  });

  it('applies once, records rows, then is a no-op', async () => {
    const empty = await emptyPostgresDatabase(serverUrl);
    drops.push(empty.drop);
    const db: Database = await openDatabase({ url: empty.url, migrate: false });
    try {
      expect(db.kind).toBe('postgres');
      expect((await migrationStatus(db)).pending).toEqual(names);
      expect((await applyMigrations(db)).applied).toEqual(names);
      expect((await applyMigrations(db)).applied).toEqual([]);
      const rows = await db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
      expect(rows[0]?.n).toBe(names.length);
      expect((await migrationStatus(db)).upToDate).toBe(true);
      const user = await db.prisma.user.create({
        data: {
          email: 'pg@example.com',
          username: 'pg',
          usernameKey: 'pg',
          phoneNumber: '+15550101',
        },
      });
      expect(await db.prisma.user.findUnique({ where: { id: user.id } })).toEqual(user);
    } finally {
      await db.close();
    }
  });

  it('lets two processes migrate one database at once (advisory lock)', async () => {
    const empty = await emptyPostgresDatabase(serverUrl);
    drops.push(empty.drop);
    const results = await Promise.all([
      applyMigrations({ url: empty.url }),
      applyMigrations({ url: empty.url }),
    ]);
    const applied = results.map((r) => r.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([names, []]);
    const db = await openDatabase({ url: empty.url, migrate: false });
    try {
      const rows = await db.prisma.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM _prisma_migrations`;
      expect(rows[0]?.n).toBe(names.length);
    } finally {
      await db.close();
    }
  });

  it('openDatabase migrates by default', async () => {
    const empty = await emptyPostgresDatabase(serverUrl);
    drops.push(empty.drop);
    const logs: string[] = [];
    const db = await openDatabase({ url: empty.url, log: (m) => logs.push(m) });
    try {
      expect((await migrationStatus(db)).upToDate).toBe(true);
      expect(logs.join('\n')).toMatch(/applied/);
    } finally {
      await db.close();
    }
  });
});
