import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import {
  dataOf,
  enableTwoFactor,
  errorOf,
  mutate,
  PASSWORD,
  signUp,
  startHostileServer,
} from './http';

const LOCK_SECONDS = 1800;
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    MAX_OTP_ATTEMPTS: '3',
    SECOND_FACTOR_LOCK_SECONDS: String(LOCK_SECONDS),
    RATE_LIMIT_LOGIN: 'ip=10000/900,account=10000/900',
    RATE_LIMIT_TWO_FACTOR: 'ip=1000/900,account=1000/900',
  });
});
afterAll(() => server.close());

/** Wrong guesses: a recovery code nobody was given (50 random bits make a match hopeless). */
const WRONG = { recovery_code: 'aaaaa-aaaaa' };

async function mfaToken(email: string): Promise<string> {
  const login = dataOf(await mutate(server, 'auth.login', { email, password: PASSWORD })) as {
    mfa_token: string;
  };
  return login.mfa_token;
}

/** `count` wrong guesses in a row, on as many fresh tokens as their attempt budget needs. */
async function guessWrong(email: string, count: number) {
  const codes: string[] = [];
  let token = '';
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) token = await mfaToken(email);
    codes.push(
      errorOf(await mutate(server, 'twoFactor.login', { mfa_token: token, ...WRONG })).code,
    );
  }
  return codes;
}

async function secondStepRest(body: object) {
  const response = await fetch(`${server.url}/api/login/2fa/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { code: string },
  };
}

const userIdOf = async (email: string) =>
  (await server.app.db.prisma.user.findUniqueOrThrow({ where: { email } })).id;

describe('second-factor guessing, capped per account', () => {
  it('ASVS 4.0.3 2.2.1: wrong codes count across mfa_tokens; the 10th in a row locks the second step and tells the owner', async () => {
    const owner = await signUp(server, 'lockout');
    const app = await enableTwoFactor(server, owner);
    // Nine wrong codes on three tokens: each token alone is within its budget.
    expect(await guessWrong(owner.email, 9)).toEqual(Array(9).fill('otp_invalid'));
    // The tenth, on a fresh token, locks the account's second step.
    const tenth = await secondStepRest({ mfa_token: await mfaToken(owner.email), ...WRONG });
    expect(tenth.status).toBe(429);
    expect(tenth.body.code).toBe('second_factor_locked');
    expect(Number(tenth.headers.get('retry-after'))).toBe(LOCK_SECONDS);

    // Locked: even the right code is not read, on a new token or by REST.
    const right = await secondStepRest({
      mfa_token: await mfaToken(owner.email),
      code: await app.code(),
    });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('second_factor_locked');
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(LOCK_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);

    const mail = await server.smtp.waitFor(
      (m) => m.to === owner.email && /someone knows your password/.test(m.subject),
    );
    expect(mail.text).toContain('10 wrong two-factor codes in a row');
    expect(mail.text).toContain(`${LOCK_SECONDS / 60} minutes`);
    const userId = await userIdOf(owner.email);
    expect(
      await server.app.db.prisma.auditEvent.count({
        where: { userId, type: 'second_factor_locked' },
      }),
    ).toBe(1);

    // When the lock ends (moved into the past here) the right code signs in again.
    await server.app.db.prisma.secondFactorStrikes.update({
      where: { userId },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    const after = await secondStepRest({
      mfa_token: await mfaToken(owner.email),
      code: await app.code(),
    });
    expect(after.status).toBe(200);
  }, 120_000);

  it('ASVS 4.0.3 2.2.1: 30 parallel wrong guesses on ten tokens read at most 10 codes and lock once', async () => {
    const owner = await signUp(server, 'lockout-parallel');
    await enableTwoFactor(server, owner);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => mfaToken(owner.email)));
    const answers = await Promise.all(
      tokens.flatMap((token) =>
        Array.from({ length: 3 }, () =>
          mutate(server, 'twoFactor.login', { mfa_token: token, ...WRONG }),
        ),
      ),
    );
    const codes = answers.map((answer) => errorOf(answer).code);
    expect(codes.filter((code) => code === 'otp_invalid')).toHaveLength(9);
    expect(codes.filter((code) => code === 'second_factor_locked')).toHaveLength(21);
    const userId = await userIdOf(owner.email);
    expect(
      await server.app.db.prisma.auditEvent.count({
        where: { userId, type: 'second_factor_locked' },
      }),
    ).toBe(1);
    await server.smtp.waitFor(
      (m) => m.to === owner.email && /someone knows your password/.test(m.subject),
    );
    expect(
      server.smtp.received.filter(
        (m) => m.to === owner.email && /someone knows your password/.test(m.subject),
      ),
    ).toHaveLength(1);
  }, 60_000);

  it('a right code resets the count', async () => {
    const owner = await signUp(server, 'lockout-reset');
    const app = await enableTwoFactor(server, owner);
    expect(await guessWrong(owner.email, 9)).toEqual(Array(9).fill('otp_invalid'));
    const right = await mutate(server, 'twoFactor.login', {
      mfa_token: await mfaToken(owner.email),
      code: await app.code(),
    });
    expect(right.status).toBe(200);
    // Nine more wrong ones: a new run, still short of the limit.
    expect(await guessWrong(owner.email, 9)).toEqual(Array(9).fill('otp_invalid'));
  }, 120_000);
});
