// The session cache's promise (ADR 100): a session ended on one instance is refused at once by
// that instance and within 1 s by the other, whose cache held it warm — also right after the
// other instance's listener connection was killed, and again once it has re-subscribed. An admin
// role taken away, and an account an admin disabled, are refused within the same bound.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LISTENER_APPLICATION_NAME, type Database } from '@otp-auth/db';
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config';
import { mutate, query, registration } from './http';
import { freshDatabase, instanceEnv, startInstance, type Instance } from './instances';

const BOUND_MS = 1_000;
/** Two instances, each listening on two channels (session events and webhooks). */
const LISTENERS = 4;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let env: Record<string, string>;
let a: Instance;
let b: Instance;
let inspect: Database;
let accounts = 0;

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  env = {
    ...instanceEnv(db.url, smtp.port),
    RATE_LIMITS: 'off',
  };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  inspect = await db.inspect();
  await waitForListeners(LISTENERS);
});

afterAll(async () => {
  await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
  await smtp.close();
  await db.drop();
});

interface Account {
  email: string;
  password: string;
  userId: string;
}

async function account(): Promise<Account> {
  accounts += 1;
  const email = `bound-${String(accounts)}@example.com`;
  const password = 'a long enough passphrase';
  expect(
    (await mutate(a.url, 'auth.register', registration(email, password, accounts))).status,
  ).toBe(200);
  expect(
    (await mutate(b.url, 'auth.verifyOtp', { email, otp: await smtp.codeFor(email) })).status,
  ).toBe(200);
  const user = await inspect.prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true },
  });
  return { email, password, userId: user.id };
}

async function login(instance: Instance, who: Account) {
  const reply = await mutate(instance.url, 'auth.login', {
    email: who.email,
    password: who.password,
  });
  expect(reply.status).toBe(200);
  return reply.data as { access: string; refresh: string };
}

/** Reads the profile a few times on `instance`, so that its cache holds the session. */
async function warm(instance: Instance, access: string) {
  for (let i = 0; i < 3; i++)
    expect((await query(instance.url, 'account.profile', access)).status).toBe(200);
}

/** Polls until `instance` refuses the token (401 on `account.profile`, or the status given for
 * another procedure); fails if it still accepts it after the bound. */
async function expectRefusedWithinBound(
  instance: Instance,
  access: string,
  procedure = 'account.profile',
  refused = 401,
) {
  const started = Date.now();
  for (;;) {
    const { status } = await query(instance.url, procedure, access);
    if (status === refused) return;
    expect(status).toBe(200);
    expect(Date.now() - started, 'still accepted after the bound').toBeLessThan(BOUND_MS);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectRefusedNow(instance: Instance, access: string) {
  expect((await query(instance.url, 'account.profile', access)).status).toBe(401);
}

/** The root script, as an operator runs it on the server's database: `pnpm admin:grant EMAIL`. */
async function adminCli(action: 'grant' | 'revoke', email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'pnpm',
    ['--pm-on-fail=ignore', `admin:${action}`, email],
    { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env } },
  );
  return stdout;
}

async function listeners(): Promise<number> {
  const rows = await inspect.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
  return rows[0]?.n ?? 0;
}

/** Waits for the instances' listeners to (re)connect: not the bound under test, so generous for
 * a busy machine. */
async function waitForListeners(count: number) {
  const deadline = Date.now() + 30_000;
  while ((await listeners()) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${String(count)} listeners`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('revocation reaches every instance within 1 s', () => {
  it('logout on one instance', async () => {
    const who = await account();
    const { access, refresh } = await login(a, who);
    await warm(a, access);
    await warm(b, access);
    expect((await mutate(b.url, 'auth.logout', { refresh_token: refresh })).status).toBe(200);
    await expectRefusedNow(b, access);
    await expectRefusedWithinBound(a, access);
  });

  it('a session revoked from the session list', async () => {
    const who = await account();
    const phone = await login(a, who);
    const laptop = await login(b, who);
    await warm(a, phone.access);
    await warm(b, phone.access);
    const list = await query(b.url, 'account.sessions', laptop.access);
    const { sessions } = list.data as { sessions: { id: string; current: boolean }[] };
    const other = sessions.find((session) => !session.current);
    expect(other).toBeDefined();
    expect(
      (await mutate(b.url, 'account.revokeSession', { id: other?.id }, laptop.access)).status,
    ).toBe(200);
    await expectRefusedNow(b, phone.access);
    await expectRefusedWithinBound(a, phone.access);
    await warm(a, laptop.access);
  });

  it('a password change ends the other sessions', async () => {
    const who = await account();
    const kept = await login(a, who);
    const ended = await login(b, who);
    await warm(a, ended.access);
    await warm(b, ended.access);
    const change = await mutate(
      a.url,
      'account.changePassword',
      {
        old_password: who.password,
        new_password: 'another long passphrase',
        confirm_password: 'another long passphrase',
      },
      kept.access,
    );
    expect(change.status).toBe(200);
    await expectRefusedNow(a, ended.access);
    await expectRefusedWithinBound(b, ended.access);
  });

  it('a user deactivated in the database, by no instance', async () => {
    const who = await account();
    const first = await login(a, who);
    const second = await login(b, who);
    await warm(a, first.access);
    await warm(b, second.access);
    await inspect.prisma.user.update({ where: { id: who.userId }, data: { isActive: false } });
    await Promise.all([
      expectRefusedWithinBound(a, first.access),
      expectRefusedWithinBound(b, second.access),
    ]);
  });

  it('after the listener connections were killed, and once they are back', async () => {
    const who = await account();
    const during = await login(a, who);
    const after = await login(a, who);
    const duringRefresh = during.refresh;
    await warm(a, during.access);
    await warm(b, during.access);
    await warm(b, after.access);

    const killed = await inspect.prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
      WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
    expect(killed).toHaveLength(LISTENERS);
    // While the listeners are down (or reconnecting), a logout elsewhere still holds the bound.
    expect((await mutate(a.url, 'auth.logout', { refresh_token: duringRefresh })).status).toBe(200);
    await expectRefusedNow(a, during.access);
    await expectRefusedWithinBound(b, during.access);

    await waitForListeners(LISTENERS);
    // Re-subscribed: the cache is used again, and invalidated again.
    await warm(b, after.access);
    expect((await mutate(a.url, 'auth.logout', { refresh_token: after.refresh })).status).toBe(200);
    await expectRefusedNow(a, after.access);
    await expectRefusedWithinBound(b, after.access);
  });

  it('an account disabled by an admin on one instance', async () => {
    const operator = await account();
    await inspect.prisma.user.update({ where: { id: operator.userId }, data: { role: 'admin' } });
    const admin = await login(a, operator);
    const who = await account();
    const onA = await login(a, who);
    const onB = await login(b, who);
    await warm(a, onA.access);
    await warm(b, onA.access);
    await warm(b, onB.access);
    const disabled = await mutate(
      a.url,
      'admin.disableUser',
      { user_id: who.userId },
      admin.access,
    );
    expect(disabled.status).toBe(200);
    await expectRefusedNow(a, onA.access);
    await Promise.all([
      expectRefusedWithinBound(b, onA.access),
      expectRefusedWithinBound(b, onB.access),
    ]);
    // And the right password on the other instance is told why.
    const again = await mutate(b.url, 'auth.login', { email: who.email, password: who.password });
    expect(again.status).toBe(403);
    expect(JSON.stringify(again.data)).toContain('account_disabled');
  });

  // Three runs of the operator's CLI (pnpm, tsx, a database connection each) need the time.
  it(
    'an admin role taken away by another admin, and one taken away in the database',
    { timeout: 120_000 },
    async () => {
      const first = await account();
      const second = await account();
      await expect(adminCli('grant', 'nobody@example.com')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('No account with the address nobody@example.com.'),
      });
      await expect(adminCli('grant', 'not an address')).rejects.toMatchObject({
        stderr: expect.stringContaining('usage: pnpm admin:grant EMAIL'),
      });
      expect(await adminCli('grant', first.email)).toContain(`${first.email} is now an admin.`);
      const granter = await login(a, first);
      const granted = await mutate(
        a.url,
        'admin.setRole',
        { user_id: second.userId, role: 'admin' },
        granter.access,
      );
      expect(granted.status).toBe(200);
      const onA = await login(a, second);
      const onB = await login(b, second);
      for (const [instance, token] of [
        [a, onA.access],
        [b, onB.access],
        [b, onA.access],
      ] as const) {
        for (let i = 0; i < 3; i++)
          expect((await query(instance.url, 'admin.admins', token)).status).toBe(200);
      }
      const revoked = await mutate(
        a.url,
        'admin.setRole',
        { user_id: second.userId, role: 'user' },
        granter.access,
      );
      expect(revoked.status).toBe(200);
      expect((await query(a.url, 'admin.admins', onA.access)).status).toBe(403);
      await expectRefusedWithinBound(b, onA.access, 'admin.admins', 403);
      await expectRefusedWithinBound(b, onB.access, 'admin.admins', 403);
      // Still signed in: only the role is gone.
      await warm(b, onB.access);

      // The operator's SQL, by no instance, reaches both as well.
      for (const instance of [a, b])
        expect((await query(instance.url, 'admin.admins', granter.access)).status).toBe(200);
      await inspect.prisma.user.update({ where: { id: first.userId }, data: { role: 'user' } });
      await Promise.all([
        expectRefusedWithinBound(a, granter.access, 'admin.admins', 403),
        expectRefusedWithinBound(b, granter.access, 'admin.admins', 403),
      ]);
    },
  );
});
