import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { authenticatorApp } from '../totp-codes';
import { dataOf, mutate, PASSWORD, signUp, startHostileServer } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    RATE_LIMIT_LOGIN: 'ip=1000/900,account=1000/900',
    RATE_LIMIT_TWO_FACTOR: 'ip=1000/900,account=1000/900',
    RATE_LIMIT_FORGOT_PASSWORD: 'ip=1000/3600,account=1000/3600',
    RATE_LIMIT_RESET_PASSWORD: 'ip=1000/900,account=1000/900',
  });
});
afterAll(() => server.close());

/** A signed-up account with two-factor on, and its recovery codes (each a valid second step). */
async function ownerWithTwoFactor(name: string) {
  const owner = await signUp(server, name);
  const token = owner.tokens.access;
  const { secret } = dataOf(
    await mutate(server, 'twoFactor.setupTotp', { password: PASSWORD }, { token }),
  ) as { secret: string };
  const code = await authenticatorApp(secret).code();
  const { recovery_codes: recoveryCodes } = dataOf(
    await mutate(server, 'twoFactor.confirmTotp', { code }, { token }),
  ) as { recovery_codes: string[] };
  return { ...owner, recoveryCodes };
}

async function passwordStep(email: string, password: string): Promise<string> {
  const answer = dataOf(await mutate(server, 'auth.login', { email, password })) as {
    mfa_token: string;
  };
  return answer.mfa_token;
}

const sessionCount = (email: string) =>
  server.app.db.prisma.session.count({ where: { user: { email }, revokedAt: null } });

describe('a new password ends open second steps', () => {
  it('ASVS 5.0 7.4.3 (sessions end on a password change): a password change kills the mfa_token of a sign-in waiting for its second factor', async () => {
    const owner = await ownerWithTwoFactor('steps-change');
    // Someone who knows the old password is at the second step.
    const pending = await passwordStep(owner.email, PASSWORD);
    const changed = await mutate(
      server,
      'account.changePassword',
      {
        old_password: PASSWORD,
        new_password: 'a-brand-new-password-1',
        confirm_password: 'a-brand-new-password-1',
        // Two-factor is on: the change itself takes a second factor (step-up).
        recovery_code: owner.recoveryCodes[1],
      },
      { token: owner.tokens.access },
    );
    expect(changed.status).toBe(200);
    const before = await sessionCount(owner.email);
    const finish = await mutate(server, 'twoFactor.login', {
      mfa_token: pending,
      recovery_code: owner.recoveryCodes[0],
    });
    expect(finish.status).toBe(401);
    expect(await sessionCount(owner.email)).toBe(before);
  });

  it('ASVS 5.0 7.4.3: a password reset kills the mfa_token of a sign-in waiting for its second factor', async () => {
    const owner = await ownerWithTwoFactor('steps-reset');
    const pending = await passwordStep(owner.email, PASSWORD);
    const seen = server.smtp.countTo(owner.email);
    dataOf(await mutate(server, 'auth.forgotPassword', { email: owner.email }));
    const otp = await server.smtp.codeFor(owner.email, seen, /password reset code/);
    const reset = await mutate(server, 'auth.resetPassword', {
      email: owner.email,
      otp,
      new_password: 'a-reset-password-2',
      confirm_password: 'a-reset-password-2',
    });
    expect(reset.status).toBe(200);
    const finish = await mutate(server, 'twoFactor.login', {
      mfa_token: pending,
      recovery_code: owner.recoveryCodes[1],
    });
    expect(finish.status).toBe(401);
    expect(await sessionCount(owner.email)).toBe(0);
  });
});
