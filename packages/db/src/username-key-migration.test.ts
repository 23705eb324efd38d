import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDir, openDatabase, type Database } from './index';
import { LOCKFILE } from './migration-files';

/** The username_key migration on a database that already holds users, some differing only in
 * case (allowed before it). */
describe('username_key migration on existing data', () => {
  let db: Database;
  let before: string;

  beforeAll(async () => {
    before = await mkdtemp(join(tmpdir(), 'otp-auth-migrations-'));
    const names = (await readdir(migrationsDir)).filter((name) => /^\d{14}_/.test(name)).sort();
    const cut = names.findIndex((name) => name.endsWith('_username_key'));
    for (const name of [...names.slice(0, cut), LOCKFILE]) {
      await cp(join(migrationsDir, name), join(before, name), { recursive: true });
    }
    db = await openDatabase({ migrate: false });
    await applyMigrations(db, { migrationsDir: before });
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO users (id, email, username, phone_number, date_joined) VALUES
        ('00000000-0000-7000-8000-000000000001', 'first@example.com', 'Admin', '1', '2026-01-01'),
        ('00000000-0000-7000-8000-000000000002', 'second@example.com', 'admin', '1', '2026-02-01'),
        ('00000000-0000-7000-8000-000000000003', 'other@example.com', 'Other_Name', '1', '2026-03-01')`);
  });
  afterAll(async () => {
    await db.close();
    await rm(before, { recursive: true, force: true });
  });

  it('keys every existing user, keeps both case variants and the name taken in any case', async () => {
    const { applied } = await applyMigrations(db);
    expect(applied[0]).toMatch(/_username_key$/);
    const users = await db.prisma.user.findMany({
      select: { username: true, usernameKey: true },
      orderBy: { dateJoined: 'asc' },
    });
    expect(users).toEqual([
      { username: 'Admin', usernameKey: 'admin' },
      { username: 'admin', usernameKey: 'admin#00000000-0000-7000-8000-000000000002' },
      { username: 'Other_Name', usernameKey: 'other_name' },
    ]);
    await expect(
      db.prisma.user.create({
        data: {
          email: 'new@example.com',
          username: 'ADMIN',
          usernameKey: 'admin',
          phoneNumber: '1',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
