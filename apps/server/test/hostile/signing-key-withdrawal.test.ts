import { openDatabase } from '@otp-auth/db';
import {
  createTestDatabase,
  emptyPostgresDatabase,
  postgresTestUrl,
  startDeafProxy,
  type Database,
} from '@otp-auth/db/testing';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support';
import { dataOf, mutate, query, signUp } from './http';

// Two instances of one service: the same secrets. No periodic reload can explain what these
// tests see: the keys are reread once a minute.
const SLOW_RELOAD = {
  JWT_SECRET: 'withdrawal-test-jwt-secret-of-at-least-32-bytes',
  OTP_SECRET: 'withdrawal-test-otp-secret-of-at-least-32-bytes',
  SIGNING_KEY_REFRESH_SECONDS: '60',
};

/** The same database for a second instance in this process; the first one closes it. */
const shared = (db: Database): Database => ({ ...db, close: () => Promise.resolve() });

const profileStatus = async (server: TestServer, token: string) =>
  (await query(server, 'account.profile', undefined, { token })).status;

/** Polls until `server` refuses `token`; returns how long that took. */
async function refusedWithin(server: TestServer, token: string, ms: number): Promise<number> {
  const start = Date.now();
  while ((await profileStatus(server, token)) !== 401) {
    if (Date.now() - start > ms) throw new Error(`still accepted after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

describe('signing keys and the invalidation feed across instances', () => {
  it('ASVS 4.0.3 3.5.3: a key withdrawn on one instance is refused on the other as soon as its notification arrives', async () => {
    const db = await createTestDatabase();
    const a = await startTestServer(SLOW_RELOAD, { db });
    const b = await startTestServer(SLOW_RELOAD, { db: shared(db) });
    try {
      const user = await signUp(a, 'withdrawn');
      const token = user.tokens.access;
      expect(await profileStatus(b, token)).toBe(200); // b has verified (and cached) it
      // A leaked key: `keys:rotate --now` on a.
      await a.app.auth.keys.rotate({ immediate: true });
      expect(await profileStatus(a, token)).toBe(401);
      expect(await refusedWithin(b, token, 1_000)).toBeLessThan(1_000);
      // b signs with the replacement at once, and a accepts what b signs.
      const again = dataOf(
        await mutate(b, 'auth.login', { email: user.email, password: user.password }),
      ) as { access: string };
      expect(await profileStatus(a, again.access)).toBe(200);
    } finally {
      await b.close();
      await a.close();
    }
  }, 60_000);

  it('ASVS 4.0.3 3.3.1: a listener deaf to its channel (a transaction pooler) is noticed: that instance trusts no cached session', async () => {
    const database = await emptyPostgresDatabase(postgresTestUrl());
    const proxy = await startDeafProxy(database.url);
    const a = await startTestServer(SLOW_RELOAD, {
      db: await openDatabase({ url: database.url }),
    });
    // b's every connection passes through the proxy: queries answer, notifications never come.
    const b = await startTestServer(SLOW_RELOAD, {
      db: await openDatabase({ url: proxy.through(database.url), migrate: false }),
    });
    try {
      const user = await signUp(a, 'deaf');
      expect(await profileStatus(b, user.tokens.access)).toBe(200);
      expect(await profileStatus(b, user.tokens.access)).toBe(200);
      dataOf(await mutate(a, 'auth.logout', { refresh_token: user.tokens.refresh }));
      // No notification reaches b, yet it refuses the session at once: it never trusted its
      // cache, since its heartbeats never came back through the channel.
      expect(await profileStatus(b, user.tokens.access)).toBe(401);
      expect(b.app.auth.cache.stats().trusted).toBe(false);
      expect(a.app.auth.cache.stats().trusted).toBe(true);
    } finally {
      await b.close();
      await a.close();
      await proxy.close();
      await database.drop();
    }
  }, 60_000);
});
