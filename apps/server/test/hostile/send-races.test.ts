import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, dataOf, errorOf, mutate, signUp, startHostileServer } from './http';

// The cooldown on (60 s), rate limits out of the way: the send limits alone must hold. On both
// databases: PGlite runs one transaction at a time, PostgreSQL runs them side by side, where
// every one of these races was lost before the sends were serialised per address.
const roomy = 'ip=10000/3600,account=10000/3600';
const PARALLEL = 30;

describe.each(['pglite', 'postgres'] as const)('send limits under races (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHostileServer(
      {
        OTP_RESEND_COOLDOWN_SECONDS: '60',
        OTP_MAX_SENDS_PER_HOUR: '5',
        RATE_LIMIT_REGISTER: roomy,
        RATE_LIMIT_RESEND: roomy,
        RATE_LIMIT_FORGOT_PASSWORD: roomy,
      },
      { database },
    );
  });
  afterAll(() => server.close());

  const mailsTo = (to: string) => server.app.db.prisma.outboxMail.count({ where: { to } });
  const inParallel = async (call: () => Promise<{ status: number }>) => {
    const answers = await Promise.all(Array.from({ length: PARALLEL }, call));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => answers[0]?.status));
  };

  /** Moves the last send of an address's code back past the cooldown, as if time had passed. */
  async function cooledDown(email: string, purpose: string) {
    await server.app.db.prisma.emailCode.update({
      where: { email_purpose: { email, purpose } },
      data: { sentAt: new Date(Date.now() - 120_000) },
    });
  }

  it(`ASVS 4.0.3 2.2.1/11.1.4: ${PARALLEL} parallel forgot-password calls for one address send one mail`, async () => {
    const { email } = await signUp(server, 'race-forgot');
    const before = await mailsTo(email);
    await inParallel(() => mutate(server, 'auth.forgotPassword', { email }));
    expect(await mailsTo(email)).toBe(before + 1);
  });

  it(`ASVS 4.0.3 2.2.1/11.1.4: ${PARALLEL} parallel resends for one address send one mail`, async () => {
    const account = accountFor('race-resend');
    dataOf(await mutate(server, 'auth.register', account));
    expect(await mailsTo(account.email)).toBe(1);
    await cooledDown(account.email, 'verify_email');
    await inParallel(() => mutate(server, 'auth.resendOtp', { email: account.email }));
    expect(await mailsTo(account.email)).toBe(2);
  });

  it(`ASVS 4.0.3 2.2.1/11.1.4: ${PARALLEL} parallel registrations of one new address send one mail`, async () => {
    const account = accountFor('race-register');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () => mutate(server, 'auth.register', account)),
    );
    // The username alone decides register's answer: the first call takes it, every other one
    // finds it taken, however the race went.
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(
      answers.filter((answer) => answer.status !== 200).map((answer) => errorOf(answer).code),
    ).toEqual(Array(PARALLEL - 1).fill('username_taken'));
    expect(await mailsTo(account.email)).toBe(1);
    expect(await server.app.db.prisma.user.count({ where: { email: account.email } })).toBe(1);
  });

  it(`ASVS 4.0.3 2.2.1/11.1.4: ${PARALLEL} parallel registrations of a taken address send its owner one notice`, async () => {
    const { email } = await signUp(server, 'race-taken');
    const before = await mailsTo(email);
    await inParallel(() =>
      mutate(server, 'auth.register', { ...accountFor('race-taken-2'), email }),
    );
    expect(await mailsTo(email)).toBe(before + 1);
  });
});
