import { describe, expect, it } from 'vitest';
import { migrationStatus } from './index';
import { createTestDatabase, resetDatabase } from './testing';

const mode = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`createTestDatabase (${mode})`, () => {
  it('gives each caller its own migrated database', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.kind).toBe(mode);
      expect((await migrationStatus(a)).upToDate).toBe(true);
      await a.prisma.user.create({
        data: { email: 'x@example.com', username: 'x', usernameKey: 'x', phoneNumber: '1' },
      });
      expect(await a.prisma.user.count()).toBe(1);
      expect(await b.prisma.user.count()).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('resetDatabase empties app tables but keeps the migration history', async () => {
    const db = await createTestDatabase();
    try {
      const user = await db.prisma.user.create({
        data: { email: 'r@example.com', username: 'r', usernameKey: 'r', phoneNumber: '1' },
      });
      await db.prisma.session.create({
        data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
      });
      await resetDatabase(db);
      expect(await db.prisma.user.count()).toBe(0);
      expect(await db.prisma.session.count()).toBe(0);
      expect((await migrationStatus(db)).upToDate).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('close() is idempotent', async () => {
    const db = await createTestDatabase();
    await db.close();
    await db.close();
  });
});
