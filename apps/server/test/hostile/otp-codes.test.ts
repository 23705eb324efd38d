import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, errorOf, mutate, startHostileServer } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    MAX_OTP_ATTEMPTS: '3',
    OTP_RESEND_COOLDOWN_SECONDS: '0',
    OTP_MAX_SENDS_PER_HOUR: '3',
    RATE_LIMIT_VERIFY: 'ip=1000/900,account=1000/900',
    RATE_LIMIT_RESEND: 'ip=1000/3600,account=1000/3600',
  });
});
afterAll(() => server.close());

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('one-time codes under attack', () => {
  it('ASVS 4.0.3 2.2.1: 20 parallel wrong guesses evaluate at most MAX_OTP_ATTEMPTS', async () => {
    const { email } = accountFor('parallel');
    await mutate(server, 'auth.register', accountFor('parallel'));
    const code = await server.smtp.codeFor(email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        mutate(server, 'auth.verifyOtp', { email, otp: wrongFor(code) }),
      ),
    );
    const codes = answers.map((a) => errorOf(a).code);
    expect(codes.filter((c) => c === 'otp_invalid')).toHaveLength(3);
    expect(codes.filter((c) => c === 'otp_attempts_exceeded')).toHaveLength(17);
    expect(answers.every((a) => a.status === 400)).toBe(true);
    // The right code is refused too: the budget is spent.
    const right = await mutate(server, 'auth.verifyOtp', { email, otp: code });
    expect(errorOf(right).code).toBe('otp_attempts_exceeded');
  });

  it('ASVS 4.0.3 2.7.3/2.2.1: a resend kills the old code and no code ever gets more guesses', async () => {
    const { email } = accountFor('resender');
    await mutate(server, 'auth.register', accountFor('resender'));
    const first = await server.smtp.codeFor(email);
    for (let i = 0; i < 2; i++) {
      await mutate(server, 'auth.verifyOtp', { email, otp: wrongFor(first) });
    }
    const sent = server.smtp.countTo(email);
    expect((await mutate(server, 'auth.resendOtp', { email })).status).toBe(200);
    const second = await server.smtp.codeFor(email, sent);
    if (second !== first) {
      // The old code, with one guess left before, is dead now: no guess reaches it.
      const old = await mutate(server, 'auth.verifyOtp', { email, otp: first });
      expect(errorOf(old).code).toBe('otp_invalid');
    }
    const row = await server.app.db.prisma.emailCode.findFirstOrThrow({ where: { email } });
    expect(row.attempts).toBeLessThanOrEqual(1);
    expect((await mutate(server, 'auth.verifyOtp', { email, otp: second })).status).toBe(200);
  });

  it('ASVS 4.0.3 2.2.1: the hourly cap stops a resend flood, silently and alike for all', async () => {
    const { email } = accountFor('flooder');
    await mutate(server, 'auth.register', accountFor('flooder'));
    await server.smtp.codeFor(email);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push((await mutate(server, 'auth.resendOtp', { email })).text);
    expect(new Set(answers).size).toBe(1);
    // 3 codes an hour in this server: the registration's and two resends. The outbox is
    // written in the same transaction as each code, so it counts every code ever sent.
    expect(await server.app.db.prisma.outboxMail.count({ where: { to: email } })).toBe(3);
  });
});
