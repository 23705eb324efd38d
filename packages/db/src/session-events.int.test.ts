// The session-events triggers (migration `session_events`): each change that must reach the
// in-process caches notifies, whichever way it is made; other changes do not.
import { describe, expect, it } from 'vitest';
import { SESSION_EVENTS_CHANNEL } from './index';
import { createTestDatabase } from './testing';

const mode = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`session events (${mode})`, () => {
  it('notifies revoked and deleted sessions, changed users and deleted signing keys', async () => {
    const db = await createTestDatabase();
    const events: string[] = [];
    let up = false;
    const subscription = await db.listen(SESSION_EVENTS_CHANNEL, {
      onNotify: (payload) => events.push(payload),
      onDown: () => (up = false),
      onUp: () => (up = true),
    });
    const until = async (check: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`still waiting; events: ${events.join(' ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      await until(() => up);
      const { prisma } = db;
      const user = await prisma.user.create({
        data: { email: 'e@example.com', username: 'e', usernameKey: 'e', phoneNumber: '1' },
      });
      const later = new Date(Date.now() + 60_000);
      const [kept, revoked] = await Promise.all(
        [0, 1].map(() => prisma.session.create({ data: { userId: user.id, expiresAt: later } })),
      );
      if (!kept || !revoked) throw new Error('no sessions');
      await prisma.session.update({ where: { id: kept.id }, data: { lastUsedAt: new Date() } });
      await prisma.session.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
      await until(() => events.includes(`s:${revoked.id}`));

      await prisma.user.update({ where: { id: user.id }, data: { isActive: false } });
      await until(() => events.includes(`u:${user.id}`));

      await prisma.signingKey.create({
        data: {
          kid: 'old-key',
          generation: 1,
          publicJwk: {},
          privateKey: 'sealed',
          activatesAt: new Date(),
        },
      });
      await prisma.signingKey.delete({ where: { kid: 'old-key' } });
      await until(() => events.includes('k:old-key'));

      await prisma.session.delete({ where: { id: kept.id } });
      await until(() => events.includes(`s:${kept.id}`));
      // Touching a live session (every refresh does) is not an event: only the delete above.
      expect(events.filter((event) => event === `s:${kept.id}`)).toHaveLength(1);
    } finally {
      await subscription.close();
      await db.close();
    }
  });
});
