import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { dataOf, enableTwoFactor, errorOf, mutate, signUp, startHostileServer } from './http';

// Small budgets so that an attack reaches the limit in a few requests.
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    // Per account and client 5 failed guesses; the account-wide slowdown out of the way here.
    RATE_LIMIT_LOGIN: 'ip=40/900,account_ip=5/900,account=1000/900',
    RATE_LIMIT_VERIFY: 'ip=40/900,account=6/900',
    RATE_LIMIT_REGISTER: 'ip=40/3600,account=3/3600',
    RATE_LIMIT_RESEND: 'ip=40/3600,account=3/3600',
    RATE_LIMIT_REFRESH: 'ip=6/900',
    RATE_LIMIT_CHANGE_PASSWORD: 'ip=40/900,account=3/900',
    RATE_LIMIT_FORGOT_PASSWORD: 'ip=40/3600,account=3/3600',
    RATE_LIMIT_RESET_PASSWORD: 'ip=40/900,account=4/900',
    RATE_LIMIT_CHANGE_EMAIL: 'ip=40/3600,account=2/3600',
    RATE_LIMIT_DELETE_ACCOUNT: 'ip=40/900,account=2/900',
  });
});
afterAll(() => server.close());

async function until429(attempt: () => ReturnType<typeof mutate>, max: number) {
  const statuses: number[] = [];
  for (let i = 0; i < max; i++) {
    const answer = await attempt();
    statuses.push(answer.status);
    if (answer.status === 429) return { statuses, answer };
  }
  throw new Error(`no 429 after ${max} attempts: ${statuses.join(',')}`);
}

describe('rate limits over HTTP', () => {
  it('ASVS 4.0.3 2.2.1: wrong second-factor codes count against the account login limit', async () => {
    const owner = await signUp(server, 'brute-2fa');
    await enableTwoFactor(server, owner);
    // The sign-up's login and this password step were right: they spent nothing.
    const { mfa_token } = dataOf(
      await mutate(server, 'auth.login', { email: owner.email, password: owner.password }),
    ) as { mfa_token: string };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await mutate(server, 'twoFactor.login', {
        mfa_token,
        recovery_code: 'aaaaa-aaaaa',
      });
      statuses.push(answer.status);
    }
    // Five wrong codes (the last two refused by the challenge's own budget), then the account's
    // budget is spent: the limit comes before the code.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('ASVS 4.0.3 2.2.1: password brute force on one account hits 429 with Retry-After', async () => {
    const { email } = await signUp(server, 'brute');
    const { statuses, answer } = await until429(
      () => mutate(server, 'auth.login', { email, password: 'guessing-123' }),
      10,
    );
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    // 5 failed guesses per account and client; the sign-up's own (right) login spent nothing.
    expect(statuses).toHaveLength(6);
    expect(errorOf(answer).code).toBe('rate_limited');
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Even the right password waits now: the limit is checked before the credentials.
    const right = await mutate(server, 'auth.login', { email, password: 'strongpassword123' });
    expect(right.status).toBe(429);
  });

  it('ASVS 4.0.3 2.2.1: the browser (cookie) login shares the same limit', async () => {
    const { email } = await signUp(server, 'cookie-brute');
    const { statuses, answer } = await until429(
      () =>
        mutate(
          server,
          'browser.login',
          { email, password: 'guessing-123' },
          { headers: { 'x-requested-with': 'otp-auth' } },
        ),
      10,
    );
    expect(statuses).toHaveLength(6);
    expect(errorOf(answer).code).toBe('rate_limited');
    // The two doors count against one budget: the bearer login is closed as well.
    expect((await mutate(server, 'auth.login', { email, password: 'guessing-123' })).status).toBe(
      429,
    );
  });

  it('ASVS 4.0.3 2.2.1: a spoofed X-Forwarded-For neither resets nor dodges a limit', async () => {
    const email = 'spoof-target@example.com';
    const { statuses } = await until429(
      () =>
        mutate(
          server,
          'auth.login',
          { email, password: 'guessing-123' },
          { headers: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` } },
        ),
      10,
    );
    expect(statuses).toHaveLength(6);
    const spoofed = await mutate(
      server,
      'auth.login',
      { email, password: 'guessing-123' },
      { headers: { 'x-forwarded-for': '203.0.113.99, 10.0.0.1' } },
    );
    expect(spoofed.status).toBe(429);
    // The audit trail records the socket address, not the forged one.
    const events = await server.app.db.prisma.auditEvent.findMany({
      where: { email, type: 'login_failure' },
      select: { ip: true },
    });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set(['127.0.0.1']));
  });

  it('ASVS 4.0.3 2.2.1: guessing codes hits 429 before the code space is explored', async () => {
    const email = 'code-brute@example.com';
    const { statuses, answer } = await until429(
      () => mutate(server, 'auth.verifyOtp', { email, otp: '123456' }),
      10,
    );
    expect(statuses).toHaveLength(7);
    expect(errorOf(answer).code).toBe('rate_limited');
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('ASVS 4.0.3 2.2.1: register and resend are limited per address', async () => {
    const register = await until429(
      () =>
        mutate(server, 'auth.register', {
          email: 'flood@example.com',
          username: `flood${Math.floor(Math.random() * 1e9)}`,
          phone_number: '1234567890',
          password: 'strongpassword123',
        }),
      6,
    );
    expect(register.statuses).toHaveLength(4);
    const resend = await until429(
      () => mutate(server, 'auth.resendOtp', { email: 'flood-resend@example.com' }),
      6,
    );
    expect(resend.statuses).toEqual([200, 200, 200, 429]);
  });

  it('ASVS 4.0.3 2.2.1: forgot, reset, email change and delete are limited per account', async () => {
    const forgot = await until429(
      () => mutate(server, 'auth.forgotPassword', { email: 'flood-forgot@example.com' }),
      6,
    );
    expect(forgot.statuses).toEqual([200, 200, 200, 429]);
    expect(forgot.answer.headers.get('retry-after')).toMatch(/^\d+$/);
    const reset = await until429(
      () =>
        mutate(server, 'auth.resetPassword', {
          email: 'flood-forgot@example.com',
          otp: '000000',
          new_password: 'flood-password-1',
          confirm_password: 'flood-password-1',
        }),
      8,
    );
    expect(reset.statuses).toHaveLength(5);
    const { tokens, password } = await signUp(server, 'flood-self');
    const change = () =>
      mutate(
        server,
        'account.changeEmail',
        { new_email: 'flood-new@example.com', password: 'wrong-password-1' },
        { token: tokens.access },
      );
    expect((await until429(change, 5)).statuses).toHaveLength(3);
    const remove = () =>
      mutate(
        server,
        'account.deleteAccount',
        { password: 'wrong-password-1' },
        { token: tokens.access },
      );
    expect((await until429(remove, 5)).statuses).toHaveLength(3);
    // Over the limit, even the right password is not evaluated.
    const refused = await mutate(
      server,
      'account.deleteAccount',
      { password },
      { token: tokens.access },
    );
    expect(errorOf(refused).code).toBe('rate_limited');
  });

  it('ASVS 4.0.3 2.2.1: refresh and change password are limited too', async () => {
    const user = await signUp(server, 'churn');
    const refresh = await until429(
      () => mutate(server, 'auth.refresh', { refresh: 'not.a.token' }),
      10,
    );
    expect(refresh.statuses).toHaveLength(7);
    const change = await until429(
      () =>
        mutate(
          server,
          'account.changePassword',
          {
            old_password: 'wrong-old-pass',
            new_password: 'newpassword456',
            confirm_password: 'newpassword456',
          },
          { token: user.tokens.access },
        ),
      6,
    );
    expect(change.statuses).toEqual([400, 400, 400, 429]);
  });
});

describe('batched attempts', () => {
  it('ASVS 4.0.3 2.2.1: a tRPC batch of guesses in one HTTP request counts every guess', async () => {
    const email = 'batch-target@example.com';
    const paths = Array.from({ length: 8 }, () => 'auth.login').join(',');
    const inputs = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [String(i), { email, password: `guess-${i}-pass` }]),
    );
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inputs),
    });
    const results = (await response.json()) as { error?: { data: { code: string } } }[];
    const codes = results.map((r) => r.error?.data.code);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(3);
  });
});

describe('trusted proxies', () => {
  it('ASVS 4.0.3 2.2.1: behind one trusted proxy, the per-IP limit follows the real client', async () => {
    const proxied = await startHostileServer({
      TRUST_PROXY: '1',
      RATE_LIMIT_LOGIN: 'ip=3/900,account=50/900',
    });
    try {
      const from = (ip: string) =>
        mutate(
          proxied,
          'auth.login',
          { email: `p${Math.random()}@example.com`, password: 'guessing-123' },
          // What the client forged comes first; what our proxy saw is appended last.
          { headers: { 'x-forwarded-for': `6.6.6.6, ${ip}` } },
        );
      const first = [];
      for (let i = 0; i < 4; i++) first.push((await from('203.0.113.1')).status);
      expect(first).toEqual([401, 401, 401, 429]);
      // Another real client is not punished for the first one's attempts.
      expect((await from('203.0.113.2')).status).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('ASVS 4.0.3 2.2.1 (operability): RATE_LIMITS=off lets a benchmark through', async () => {
    const open = await startHostileServer({
      RATE_LIMITS: 'off',
      RATE_LIMIT_LOGIN: 'ip=1/900,account=1/900',
    });
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await mutate(open, 'auth.login', {
          email: 'bench@example.com',
          password: 'guessing-123',
        });
        expect(answer.status).toBe(401);
      }
    } finally {
      await open.close();
    }
  });
});
