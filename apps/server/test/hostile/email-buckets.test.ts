import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, dataOf, errorOf, mutate, PASSWORD, startHostileServer } from './http';

// One address, one bucket: every spelling the schema folds into an address counts against it.
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    RATE_LIMIT_LOGIN: 'ip=100/900,account_ip=4/900,account=1000/900',
    RATE_LIMIT_FORGOT_PASSWORD: 'ip=100/3600,account=3/3600',
  });
});
afterAll(() => server.close());

/** Registers and verifies an account without signing in, so that no sign-in is counted yet. */
async function registered(name: string) {
  const account = accountFor(name);
  dataOf(await mutate(server, 'auth.register', account));
  const otp = await server.smtp.codeFor(account.email);
  dataOf(await mutate(server, 'auth.verifyOtp', { email: account.email, otp }));
  return account;
}

/** Spellings that IDNA and case folding turn into `<local>@example.com`. */
const spellings = (local: string) => [
  `${local}@ex\uFF41mple.com`, // a fullwidth letter in the domain
  `${local}@example\u3002com`, // the ideographic full stop
  `${local.toUpperCase()}@EXAMPLE.COM`,
  ` ${local}@Example.Com `,
];

describe('one address, one bucket', () => {
  it('ASVS 4.0.3 5.1.4: invisible code points in an address are refused, never folded into another', async () => {
    const victim = await registered('invisible-victim');
    for (const email of [
      'invisible-victim@ex\u00ADample.com', // soft hyphen: IDNA drops it
      'invisible-victim@exa\u200Bmple.com', // zero-width space
      'invisible-victim@example.com\u200B',
      'invisible-victim@exa\u2060mple.com', // word joiner
    ]) {
      const answer = await mutate(server, 'auth.login', { email, password: victim.password });
      expect(answer.status, JSON.stringify(email)).toBe(400);
      expect(errorOf(answer).code).toBe('invalid_input');
    }
    const register = await mutate(server, 'auth.register', {
      ...accountFor('invisible-new'),
      email: 'invisible-new@exam\u00ADple.com',
    });
    expect(register.status).toBe(400);
    // Nothing was created under the folded address either.
    const users = await server.app.db.prisma.user.count({
      where: { email: 'invisible-new@example.com' },
    });
    expect(users).toBe(0);
  });

  it('ASVS 4.0.3 2.2.1: guesses under every spelling of an address spend its one login budget', async () => {
    const victim = await registered('spelled-victim');
    const statuses: number[] = [];
    for (const email of spellings('spelled-victim')) {
      statuses.push(
        (await mutate(server, 'auth.login', { email, password: 'guessing-123' })).status,
      );
    }
    // Four wrong guesses spent the budget of 4: the fifth, in the plain spelling, waits.
    expect(statuses).toEqual([401, 401, 401, 401]);
    const right = await mutate(server, 'auth.login', { email: victim.email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(errorOf(right).code).toBe('rate_limited');
  });

  it('ASVS 4.0.3 2.2.1: code mail requests under every spelling share the address budget', async () => {
    const statuses: number[] = [];
    for (const email of spellings('spelled-forgot')) {
      statuses.push((await mutate(server, 'auth.forgotPassword', { email })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
