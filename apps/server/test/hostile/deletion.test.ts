import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { dataOf, mutate, PASSWORD, signUp, startHostileServer } from './http';

const ATTACKER_IP = '203.0.113.66';

describe.each(['pglite', 'postgres'] as const)(
  'deletion leaves nothing behind (%s)',
  (database) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startHostileServer(
        { TRUST_PROXY: '1', RATE_LIMIT_LOGIN: 'ip=1000/900,account=1000/900' },
        { database },
      );
    });
    afterAll(() => server.close());

    it('ASVS 5.0 14.2.7 (data removal): every outbox row to the account’s addresses goes, the audit log keeps only the IPs of others’ failed attempts', async () => {
      const { prisma } = server.app.db;
      const owner = await signUp(server, `leaver-${database}`);
      const newEmail = `leaver-${database}-new@example.com`;
      const token = owner.tokens.access;
      // An email change under way: its code went to the new address.
      dataOf(
        await mutate(
          server,
          'account.changeEmail',
          { new_email: newEmail, password: PASSWORD },
          { token },
        ),
      );
      await server.smtp.codeFor(newEmail, 0, /email change code/);
      // Someone else guesses the password from afar; the owner mistypes it once from home.
      for (let i = 0; i < 3; i++) {
        const guess = await mutate(
          server,
          'auth.login',
          { email: owner.email, password: `guess-${String(i)}-password` },
          { headers: { 'x-forwarded-for': ATTACKER_IP } },
        );
        expect(guess.status).toBe(401);
      }
      await mutate(server, 'auth.login', { email: owner.email, password: 'my-typo-password' });
      // Wait until the mail so far is delivered: sent rows must go too, not only pending ones.
      const addresses = [owner.email, newEmail];
      const deadline = Date.now() + 20_000;
      while (
        (await prisma.outboxMail.count({ where: { to: { in: addresses }, status: 'sent' } })) < 2
      ) {
        if (Date.now() > deadline) throw new Error('mail not delivered');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const user = await prisma.user.findUniqueOrThrow({ where: { email: owner.email } });

      const deleted = await mutate(
        server,
        'account.deleteAccount',
        { password: PASSWORD },
        { token },
      );
      expect(deleted.status).toBe(200);

      const left = await prisma.outboxMail.findMany({ where: { to: { in: addresses } } });
      expect(left.map((mail) => [mail.to, mail.kind])).toEqual([[owner.email, 'account_deleted']]);

      const traces = await prisma.auditEvent.findMany({
        where: { OR: [{ userId: user.id }, { email: { in: addresses } }] },
      });
      expect(traces).toEqual([]);
      const kept = await prisma.auditEvent.findMany({ where: { ip: ATTACKER_IP } });
      expect(kept.map((event) => event.type)).toEqual([
        'login_failure',
        'login_failure',
        'login_failure',
      ]);
      for (const event of kept) {
        expect(event).toMatchObject({ userId: null, email: null, userAgent: null, detail: null });
      }
      // The owner's own address is gone from every row of the account, the failed one included.
      const ownerIpRows = await prisma.auditEvent.count({
        where: { ip: '127.0.0.1', type: { in: ['login_failure', 'login_success', 'register'] } },
      });
      expect(ownerIpRows).toBe(0);
    });
  },
);
