import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { dataOf, mutate, query, signUp, startHostileServer, type Tokens } from './http';

// A short absolute lifetime, so that the test watches a session reach its end in real time.
const LIFETIME_SECONDS = 6;

describe.each(['pglite', 'postgres'] as const)('sessions end (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHostileServer(
      { SESSION_MAX_LIFETIME_SECONDS: String(LIFETIME_SECONDS) },
      { database },
    );
  });
  afterAll(() => server.close());

  it('ASVS 5.0 7.3.2 (absolute session lifetime): refreshing never carries a session past its lifetime; after it, refresh answers 401', async () => {
    const user = await signUp(server, `lifetime-${database}`);
    const { prisma } = server.app.db;
    const session = await prisma.session.findFirstOrThrow({
      where: { user: { email: user.email } },
    });
    const end = session.createdAt.getTime() + LIFETIME_SECONDS * 1000;
    // Opened with its end already set, though the refresh token alone would last a day.
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(end);

    let tokens: Tokens = user.tokens;
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      tokens = dataOf(await mutate(server, 'auth.refresh', { refresh: tokens.refresh })) as Tokens;
      const now = await prisma.session.findUniqueOrThrow({ where: { id: session.id } });
      expect(now.expiresAt.getTime()).toBeLessThanOrEqual(end);
      const newest = await prisma.refreshToken.findFirstOrThrow({
        where: { sessionId: session.id, revokedAt: null },
      });
      expect(newest.expiresAt.getTime()).toBeLessThanOrEqual(end);
    }

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - Date.now()) + 500));
    const late = await mutate(server, 'auth.refresh', { refresh: tokens.refresh });
    expect(late.status).toBe(401);
    expect(late.text).toContain('token_not_valid');
    // The access token dies with its session.
    const profile = await query(server, 'account.profile', undefined, { token: tokens.access });
    expect(profile.status).toBe(401);
  });
});
