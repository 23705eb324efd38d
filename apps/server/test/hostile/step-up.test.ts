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
  tableCounts,
  type Tokens,
} from './http';

let server: TestServer;
beforeAll(async () => {
  const roomy = 'ip=1000/900,account=1000/900';
  server = await startHostileServer({
    RATE_LIMIT_CHANGE_PASSWORD: roomy,
    RATE_LIMIT_CHANGE_EMAIL: roomy,
    RATE_LIMIT_DELETE_ACCOUNT: roomy,
    RATE_LIMIT_TWO_FACTOR: roomy,
    RATE_LIMIT_LOGIN: roomy,
  });
});
afterAll(() => server.close());

/** A REST call as a seed client makes it. */
async function rest(path: string, body: unknown, token: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The four sensitive changes, as REST and tRPC name them, with the body each one needs
 * besides the second factor. */
const changes = [
  {
    path: '/api/password/reset/',
    procedure: 'account.changePassword',
    body: {
      old_password: PASSWORD,
      new_password: 'another strong 44',
      confirm_password: 'another strong 44',
    },
  },
  {
    path: '/api/email/change/',
    procedure: 'account.changeEmail',
    body: { new_email: 'elsewhere@example.com', password: PASSWORD },
  },
  {
    path: '/api/account/delete/',
    procedure: 'account.deleteAccount',
    body: { password: PASSWORD },
  },
  {
    path: '/api/2fa/recovery-codes/',
    procedure: 'twoFactor.regenerateRecoveryCodes',
    body: { password: PASSWORD },
  },
] as const;

/** An account with two-factor on and its recovery codes (read from a fresh set). */
async function withTwoFactor(name: string) {
  const user = await signUp(server, name);
  const app = await enableTwoFactor(server, user);
  // Confirm ended the other sessions; this one is still live.
  const codes = (
    dataOf(
      await mutate(
        server,
        'twoFactor.regenerateRecoveryCodes',
        { password: PASSWORD, code: await app.code() },
        { token: user.tokens.access },
      ),
    ) as { recovery_codes: string[] }
  ).recovery_codes;
  return { ...user, app, codes };
}

async function sessionSnapshot(email: string) {
  const prisma = server.app.db.prisma;
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, password: { select: { hash: true } } },
  });
  const codes = await prisma.recoveryCode.findMany({
    where: { userId: user.id },
    select: { codeHmac: true, usedAt: true },
    orderBy: { codeHmac: 'asc' },
  });
  return { user, codes, counts: await tableCounts(server) };
}

describe('step-up for sensitive changes (two-factor on)', () => {
  it('ASVS 4.0.3 3.7.1: a stolen session and password alone change nothing; the missing field is named', async () => {
    const victim = await withTwoFactor('stepup-thief');
    const token = victim.tokens.access;
    const before = await sessionSnapshot(victim.email);
    for (const change of changes) {
      const missing = await rest(change.path, change.body, token);
      expect(missing.status, change.path).toBe(400);
      expect(missing.body.code).toBe('second_factor_required');
      expect(missing.body.detail).toMatch(/`code`.*`recovery_code`/);
      const viaTrpc = await mutate(server, change.procedure, change.body, { token });
      expect(viaTrpc.status).toBe(400);
      expect(errorOf(viaTrpc).code).toBe('second_factor_required');
      const fields = (viaTrpc.json as { error: { data: { fields?: Record<string, string[]> } } })
        .error.data.fields;
      expect(Object.keys(fields ?? {})).toEqual(['code']);

      const wrong = await rest(change.path, { ...change.body, code: '000000' }, token);
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('otp_invalid');
      const wrongRecovery = await rest(
        change.path,
        { ...change.body, recovery_code: 'aaaaa-bbbbb' },
        token,
      );
      expect(wrongRecovery.body).toMatchObject({
        code: 'otp_invalid',
        recovery_code: [expect.any(String)],
      });
      const both = await rest(
        change.path,
        { ...change.body, code: '000000', recovery_code: victim.codes[0] },
        token,
      );
      expect(both.status).toBe(400);
      expect(both.body).toMatchObject({
        code: 'invalid_input',
        recovery_code: [expect.any(String)],
      });
    }
    // Nothing changed: same password, address, codes, sessions; no mail, no audit row.
    expect(await sessionSnapshot(victim.email)).toEqual(before);
  }, 60_000);

  it('ASVS 4.0.3 3.7.1: with the second factor each change goes through, and its code works once', async () => {
    const owner = await withTwoFactor('stepup-owner');
    let token = owner.tokens.access;
    const [first, second] = owner.codes;

    const changed = await rest(
      '/api/password/reset/',
      { ...changes[0].body, code: await owner.app.code() },
      token,
    );
    expect(changed.status).toBe(200);
    token = (changed.body as unknown as Tokens).access;
    const password = changes[0].body.new_password;

    const regenerated = await rest(
      '/api/2fa/recovery-codes/',
      { password, recovery_code: first },
      token,
    );
    expect(regenerated.status).toBe(200);
    // The set was replaced: the old codes are dead, the new ones live.
    const fresh = regenerated.body.recovery_codes as string[];
    const old = await rest(
      '/api/email/change/',
      { new_email: 'moved@example.com', password, recovery_code: second },
      token,
    );
    expect(old.body.code).toBe('otp_invalid');
    const moved = await rest(
      '/api/email/change/',
      { new_email: 'moved@example.com', password, recovery_code: fresh[0] },
      token,
    );
    expect(moved.status).toBe(200);
    // A spent code does not work twice.
    const again = await rest('/api/account/delete/', { password, recovery_code: fresh[0] }, token);
    expect(again.body.code).toBe('otp_invalid');
    const deleted = await rest(
      '/api/account/delete/',
      { password, recovery_code: fresh[1] },
      token,
    );
    expect(deleted.status).toBe(200);
    expect(await server.app.db.prisma.user.count({ where: { email: owner.email } })).toBe(0);
  }, 120_000);

  it('accounts without two-factor need nothing new (and a stray code is ignored)', async () => {
    const plain = await signUp(server, 'stepup-plain');
    const token = plain.tokens.access;
    const email = await rest('/api/email/change/', changes[1].body, token);
    expect(email.status).toBe(200);
    const changed = await rest(
      '/api/password/reset/',
      { ...changes[0].body, code: '123456' },
      token,
    );
    expect(changed.status).toBe(200);
    const after = (changed.body as unknown as Tokens).access;
    const deleted = await rest(
      '/api/account/delete/',
      { password: changes[0].body.new_password },
      after,
    );
    expect(deleted.status).toBe(200);
  });
});

describe('notices for recovery codes', () => {
  it('ASVS 4.0.3 2.5.3/3.7.1: regenerating recovery codes and signing in with one mail the owner', async () => {
    const owner = await withTwoFactor('stepup-notice');
    await server.smtp.waitFor(
      (mail) => mail.to === owner.email && /new recovery codes/.test(mail.subject),
    );
    const login = dataOf(
      await mutate(server, 'auth.login', { email: owner.email, password: PASSWORD }),
    ) as { mfa_token: string };
    const before = server.smtp.countTo(owner.email);
    dataOf(
      await mutate(server, 'twoFactor.login', {
        mfa_token: login.mfa_token,
        recovery_code: owner.codes[0],
      }),
    );
    const notice = await server.smtp.waitFor(
      (mail) =>
        mail.to === owner.email &&
        /recovery code was used/.test(mail.subject) &&
        server.smtp.received.filter((m) => m.to === owner.email).indexOf(mail) >= before,
    );
    expect(notice.text).toContain('9 codes are left');
    // The notice carries no code.
    for (const code of owner.codes) expect(notice.text).not.toContain(code);
  }, 60_000);
});
