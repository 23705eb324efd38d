import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, mutate, signUp, startHostileServer, type Answer } from './http';

/** Status and body, the address blanked (a success echoes it back). */
const shape = (answer: Answer, email: string) => ({
  status: answer.status,
  body: answer.text.split(email).join('<email>'),
});

// Registration races and the purge's raw SQL run on both databases.
describe.each(['pglite', 'postgres'] as const)('registration (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHostileServer(
      {
        RATE_LIMIT_REGISTER: 'ip=1000/3600,account=1000/3600',
        RATE_LIMIT_LOGIN: 'ip=1000/900,account=1000/900',
        RATE_LIMIT_VERIFY: 'ip=1000/900,account=1000/900',
        PURGE_INTERVAL_SECONDS: '1',
      },
      { database },
    );
  });
  afterAll(() => server.close());

  describe('register reveals nothing through the username', () => {
    it('ASVS 5.0 6.3.8 (no user enumeration): a taken username is refused alike for a new, a pending and a verified email', async () => {
      const holder = await signUp(server, 'held-name');
      await signUp(server, 'held-verified');
      await mutate(server, 'auth.register', accountFor('held-pending'));
      const answers = [];
      for (const email of [
        'held-new@example.com',
        'held-pending@example.com',
        'held-verified@example.com',
        holder.email,
      ]) {
        const answer = await mutate(server, 'auth.register', { ...accountFor('held-name'), email });
        answers.push(shape(answer, email));
      }
      expect(answers[0]?.status).toBe(400);
      expect(answers[0]?.body).toContain('username_taken');
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    });

    it('ASVS 5.0 6.3.8: a free username is accepted alike for a new, a pending and a verified email', async () => {
      await signUp(server, 'free-verified');
      await mutate(server, 'auth.register', accountFor('free-pending'));
      const answers = [];
      for (const [email, name] of [
        ['free-new@example.com', 'free-name-1'],
        ['free-pending@example.com', 'free-name-2'],
        ['free-verified@example.com', 'free-name-3'],
      ] as const) {
        const answer = await mutate(server, 'auth.register', { ...accountFor(name), email });
        answers.push(shape(answer, email));
      }
      expect(answers[0]?.status).toBe(200);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    });

    it('ASVS 5.0 6.3.8: in a race for one email and username, every loser is refused for the username', async () => {
      const account = accountFor('racer');
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => mutate(server, 'auth.register', account)),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 400, 400, 400]);
      const refused = answers.filter((answer) => answer.status === 400);
      for (const answer of refused) expect(answer.text).toContain('username_taken');
      expect(new Set(refused.map((answer) => answer.text)).size).toBe(1);
    });
  });

  describe('no pre-hijack of a pending address', () => {
    const victim = 'victim@corp.example';
    const squatter = { ...accountFor('squatter'), email: victim, password: 'squatters-own-pass-1' };
    const owner = { ...accountFor('rightful'), email: victim, password: 'owners-own-pass-2' };
    const login = (password: string) => mutate(server, 'auth.login', { email: victim, password });

    it('ASVS 5.0 6.4.1 (account pre-hijacking): the inbox owner registering after a squatter verifies their own password; the squatter’s never logs in', async () => {
      expect((await mutate(server, 'auth.register', squatter)).status).toBe(200);
      const squattersCode = await server.smtp.codeFor(victim);
      // At once, inside the resend cooldown: the owner's registration still gets its own code.
      const seen = server.smtp.countTo(victim);
      expect((await mutate(server, 'auth.register', owner)).status).toBe(200);
      const ownersCode = await server.smtp.codeFor(victim, seen);

      // The code mailed for the squatter's registration verifies nothing any more.
      if (squattersCode !== ownersCode) {
        const stale = await mutate(server, 'auth.verifyOtp', { email: victim, otp: squattersCode });
        expect(stale.status).toBe(400);
      }
      const verified = await mutate(server, 'auth.verifyOtp', { email: victim, otp: ownersCode });
      expect(verified.status).toBe(200);

      expect((await login(owner.password)).status).toBe(200);
      const squatterLogin = await login(squatter.password);
      expect(squatterLogin.status).toBe(401);
      // The squatter's username is free again; the account carries the owner's.
      const user = await server.app.db.prisma.user.findUniqueOrThrow({ where: { email: victim } });
      expect(user.username).toBe('rightful');
    });

    it('ASVS 5.0 6.4.1: once the owner has verified, the squatter registering again changes nothing', async () => {
      const again = await mutate(server, 'auth.register', { ...squatter, username: 'squatter-3' });
      expect(again.status).toBe(200);
      expect((await login(squatter.password)).status).toBe(401);
      expect((await login(owner.password)).status).toBe(200);
    });

    it('ASVS 5.0 6.4.1: an address nobody verifies is freed after PENDING_ACCOUNT_TTL_HOURS', async () => {
      const email = 'abandoned@corp.example';
      await mutate(server, 'auth.register', { ...squatter, username: 'abandoner', email });
      const { prisma } = server.app.db;
      // Registered 73 hours ago (the default lifetime is 72); the purge runs every second here.
      await prisma.user.update({
        where: { email },
        data: { dateJoined: new Date(Date.now() - 73 * 3_600_000) },
      });
      const deadline = Date.now() + 15_000;
      while ((await prisma.user.count({ where: { email } })) > 0) {
        if (Date.now() > deadline) throw new Error('the pending account was not purged');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The address and the username are free for their owner.
      const again = await mutate(server, 'auth.register', {
        ...owner,
        username: 'abandoner',
        email,
      });
      expect(again.status).toBe(200);
    });
  });
});
