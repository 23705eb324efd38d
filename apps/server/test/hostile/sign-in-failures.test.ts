import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, dataOf, errorOf, mutate, PASSWORD, startHostileServer } from './http';

// Behind one trusted proxy, so that each test can speak from several client addresses. Per
// account and client: 4 failed guesses, then 429. Per account from anywhere: past 3 failures,
// every attempt waits (250 ms at the threshold, doubling). Counters live in the database: on
// both databases.
describe.each(['pglite', 'postgres'] as const)('sign-in failures (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHostileServer(
      { TRUST_PROXY: '1', RATE_LIMIT_LOGIN: 'ip=1000/900,account_ip=4/900,account=3/900' },
      database,
    );
  });
  afterAll(() => server.close());

  async function registered(name: string) {
    const account = accountFor(name);
    dataOf(await mutate(server, 'auth.register', account));
    const otp = await server.smtp.codeFor(account.email);
    dataOf(await mutate(server, 'auth.verifyOtp', { email: account.email, otp }));
    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: account.email },
      select: { id: true },
    });
    return { ...account, id: user.id };
  }

  const login = async (email: string, password: string, ip: string) => {
    const started = performance.now();
    const answer = await mutate(
      server,
      'auth.login',
      { email, password },
      { headers: { 'x-forwarded-for': ip } },
    );
    return { status: answer.status, answer, ms: performance.now() - started };
  };

  /** The account-wide failure count the database holds for a user. */
  const failuresOf = async (userId: string) => {
    const row = await server.app.db.prisma.rateLimiterFlexible.findUnique({
      where: { key: `login:account:${userId}` },
      select: { points: true },
    });
    return row?.points ?? 0;
  };

  it('ASVS 4.0.3 2.2.1: successful sign-ins cost the account nothing', async () => {
    const owner = await registered('counts-success');
    for (let i = 0; i < 8; i++) {
      expect((await login(owner.email, PASSWORD, '198.51.100.1')).status).toBe(200);
    }
    expect(await failuresOf(owner.id)).toBe(0);
    // A wrong guess is what counts.
    expect((await login(owner.email, 'guessing-123', '198.51.100.1')).status).toBe(401);
    expect(await failuresOf(owner.id)).toBe(1);
  });

  it('ASVS 4.0.3 2.2.1: one client hammering an account is stopped, and its owner still signs in from elsewhere', async () => {
    const owner = await registered('hammered');
    const attacker = '203.0.113.66';
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await login(owner.email, 'guessing-123', attacker)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // The hammering client is held even with the right password…
    const held = await login(owner.email, PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(errorOf(held.answer).code).toBe('rate_limited');
    expect(Number(held.answer.headers.get('retry-after'))).toBeGreaterThan(0);
    // …while the owner, from another address, gets in: slowed down, not locked out. Four
    // failures against a threshold of 3: 500 ms.
    const owners = await login(owner.email, PASSWORD, '198.51.100.20');
    expect(owners.status).toBe(200);
    expect(owners.ms).toBeGreaterThanOrEqual(490);
    // The owner's success was taken back; the attacker's failures stay.
    expect(await failuresOf(owner.id)).toBe(4);
    // A guesser from yet another address meets the same slowdown, doubling with its failure.
    const second = await login(owner.email, 'guessing-123', '192.0.2.7');
    expect(second.status).toBe(401);
    expect(second.ms).toBeGreaterThanOrEqual(490);
    const third = await login(owner.email, 'guessing-123', '192.0.2.8');
    expect(third.status).toBe(401);
    expect(third.ms).toBeGreaterThanOrEqual(990);
  });

  it('ASVS 4.0.3 2.2.1: parallel guesses from one client cannot slip past its limit', async () => {
    const owner = await registered('parallel-guesses');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(owner.email, 'guessing-123', '203.0.113.77')),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
  });

  it('ASVS 5.0 6.3.8: an unknown address is counted and slowed exactly as a known one', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await login('nobody-here@example.com', 'guessing-123', '203.0.113.88')).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const elsewhere = await login('nobody-here@example.com', 'guessing-123', '198.51.100.30');
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.ms).toBeGreaterThanOrEqual(490);
  });
});
