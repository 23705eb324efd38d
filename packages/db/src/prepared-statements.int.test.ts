// Named statements on a real PostgreSQL (ADR 103): each connection keeps what it prepared.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './index';
import { emptyPostgresDatabase, postgresTestUrl } from './test-helpers';

const serverUrl = postgresTestUrl();

/** What the connection that answers this query has prepared. The pool hands back the
 * connection used last, so sequential queries share one. */
function preparedOnThisConnection(db: Awaited<ReturnType<typeof openDatabase>>) {
  return db.prisma.$queryRaw<{ name: string; statement: string }[]>`
    SELECT name, statement FROM pg_prepared_statements`;
}

describe('prepared statements on PostgreSQL', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  async function open(preparedStatements?: boolean) {
    const empty = await emptyPostgresDatabase(serverUrl);
    drops.push(empty.drop);
    return openDatabase({ url: empty.url, preparedStatements });
  }

  it('prepares a query once per connection and reuses it', async () => {
    const db = await open();
    try {
      expect(await db.prisma.user.count()).toBe(0);
      expect(await db.prisma.user.count()).toBe(0);
      const prepared = await preparedOnThisConnection(db);
      const counts = prepared.filter((row) => row.statement.includes('"users"'));
      expect(counts).toHaveLength(1);
      expect(counts[0]?.name).toMatch(/^otp_auth_\d+$/);
    } finally {
      await db.close();
    }
  });

  it('prepares nothing when turned off', async () => {
    const db = await open(false);
    try {
      expect(await db.prisma.user.count()).toBe(0);
      expect(await preparedOnThisConnection(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
