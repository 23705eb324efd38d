import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountFor, dataOf, mutate } from '../../server/test/hostile/http';
import { authenticatorApp } from '../../server/test/totp-codes';
import { createSoftwareAuthenticator } from '@otp-auth/auth/testing';
import type { RegistrationOptionsOutput } from '@otp-auth/validators';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(cliDir, 'bin/otp-auth.js');
let server: TestServer;
let home: string;
beforeAll(async () => {
  // Compiled, as users run it.
  await promisify(execFile)('pnpm', ['run', 'build'], { cwd: cliDir });
  server = await startTestServer();
  home = await mkdtemp(join(tmpdir(), 'otp-auth-cli-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

/** Runs the CLI as a user would: a child process, the password piped in. */
function cli(args: string[], stdin = '') {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      OTP_AUTH_URL: server.url,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const tokenFile = () => join(home, 'config', 'otp-auth', 'tokens.json');
const email = 'cli-user@example.com';
const password = 'strongpassword123\n';

// Each command is a fresh Node process: on a busy machine a test of several commands takes long.
describe('the otp-auth CLI against the live server', { timeout: 120_000 }, () => {
  it('registers, verifies, logs in, tells who is logged in, logs out', async () => {
    const registered = await cli(
      ['register', '--email', email, '--username', 'cliuser', '--phone', '1234567890'],
      password,
    );
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout).toMatch(/code/i);

    const code = await server.smtp.codeFor(email);
    expect((await cli(['verify', '--email', email, '--code', code])).code).toBe(0);

    const login = await cli(['login', '--email', email], password);
    expect(login).toMatchObject({ code: 0, stdout: `Logged in as ${email}.\n` });
    expect((await stat(tokenFile())).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(tokenFile()))).mode & 0o077).toBe(0);

    const whoami = await cli(['whoami']);
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email, username: 'cliuser' });

    const logout = await cli(['logout']);
    expect(logout).toMatchObject({ code: 0, stdout: 'Logged out.\n' });
    await expect(stat(tokenFile())).rejects.toMatchObject({ code: 'ENOENT' });

    const after = await cli(['whoami']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('otp-auth login');
  });

  it('lists the providers linked to the account', async () => {
    expect((await cli(['login', '--email', email], password)).code).toBe(0);
    expect((await cli(['identities'])).stdout).toBe('Password: set\nNo linked providers.\n');
    // As a sign-in at a provider would have linked it (the server here has no provider).
    const user = await server.app.db.prisma.user.findUniqueOrThrow({ where: { email } });
    await server.app.db.prisma.externalIdentity.create({
      data: {
        userId: user.id,
        provider: 'corp',
        subject: 'cli-subject',
        email: 'cli@corp.example',
        createdAt: new Date('2026-12-01T10:00:00Z'),
      },
    });
    const identities = await cli(['identities']);
    expect(identities).toMatchObject({
      code: 0,
      stdout: 'Password: set\ncorp (corp): cli@corp.example, linked 2026-12-01\n',
    });
    expect((await cli(['logout'])).code).toBe(0);
  });

  it('lists the passkeys and removes one', async () => {
    expect((await cli(['login', '--email', email], password)).code).toBe(0);
    expect((await cli(['passkeys'])).stdout).toBe(
      'No passkeys. Add one on the account page of the app.\n',
    );
    // Made as a browser makes it, with a software authenticator.
    const { access } = dataOf(
      await mutate(server, 'auth.login', { email, password: password.trim() }),
    ) as { access: string };
    const device = createSoftwareAuthenticator({ origin: 'http://localhost:5173' });
    const options = dataOf(
      await mutate(
        server,
        'passkeys.registrationOptions',
        { password: password.trim() },
        { token: access },
      ),
    ) as RegistrationOptionsOutput;
    const added = dataOf(
      await mutate(
        server,
        'passkeys.register',
        { response: device.register(options), name: 'CLI laptop' },
        { token: access },
      ),
    ) as { id: string };
    const listed = await cli(['passkeys']);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^${added.id}  CLI laptop \\(this device only; added \\d{4}-\\d\\d-\\d\\d, last used never\\)\\n$`,
      ),
    );
    expect((await cli(['passkey-delete'])).stderr).toContain('missing --id');
    const removed = await cli(['passkey-delete', '--id', added.id], password);
    expect(removed).toMatchObject({ code: 0, stdout: expect.stringContaining('CLI laptop') });
    expect((await cli(['passkeys'])).stdout).toContain('No passkeys.');
    expect((await cli(['logout'])).code).toBe(0);
  });

  it('manages webhook endpoints as an admin: create, list, deliveries, redeliver, rotate, disable', async () => {
    let received = 0;
    const receiver = createServer((_request, response) => {
      received += 1;
      response.writeHead(204).end();
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const target = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hooks`;
    try {
      await server.app.db.prisma.user.update({ where: { email }, data: { role: 'admin' } });
      expect((await cli(['login', '--email', email], password)).code).toBe(0);
      const created = await cli([
        'admin',
        'webhooks',
        'create',
        '--target',
        target,
        '--events',
        'user.created',
      ]);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/Secret \(shown this once; keep it in the receiver\): whsec_/);
      const id = /^(\S+) {2}/.exec(created.stdout)?.[1] ?? '';
      expect((await cli(['admin', 'webhooks', 'list'])).stdout).toContain(
        `${id}  ${target}  enabled`,
      );

      dataOf(await mutate(server, 'auth.register', accountFor('cli-hooked')));
      await expect.poll(() => received, { timeout: 30_000 }).toBe(1);
      let log = await cli(['admin', 'webhooks', 'deliveries', '--id', id, '--status', 'delivered']);
      expect(log.stdout).toMatch(/user\.created .* delivered, 1 attempts HTTP 204/);
      const delivery = /^(\S+) {2}/.exec(log.stdout)?.[1] ?? '';
      expect(
        (await cli(['admin', 'webhooks', 'redeliver', '--id', id, '--delivery', delivery])).code,
      ).toBe(0);
      await expect.poll(() => received, { timeout: 30_000 }).toBe(2);

      const rotated = await cli(['admin', 'webhooks', 'rotate', '--id', id]);
      expect(rotated.stdout).toMatch(/previous secret signs too until .*\nSecret .*whsec_/);
      expect((await cli(['admin', 'webhooks', 'disable', '--id', id])).stdout).toContain(
        'disabled',
      );
      log = await cli(['admin', 'webhooks', 'deliveries', '--id', 'not-an-id']);
      expect(log.code).toBe(1);
      expect((await cli(['admin', 'webhooks', 'rotate'])).code).toBe(2);
      expect((await cli(['logout'])).code).toBe(0);
    } finally {
      await new Promise<void>((done) => receiver.close(() => done()));
    }
  });

  it('prints field errors and wrong-code attempts, and exits 1', async () => {
    const bad = await cli(
      ['register', '--email', 'nope', '--username', 'x', '--phone', '12'],
      'short\n',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ {2}email: /m);
    expect(bad.stderr).toMatch(/^ {2}password: /m);

    const other = 'cli-other@example.com';
    await cli(
      ['register', '--email', other, '--username', 'cliother', '--phone', '1234567'],
      password,
    );
    const otp = await server.smtp.codeFor(other);
    const wrong = await cli([
      'verify',
      '--email',
      other,
      '--code',
      otp === '000000' ? '111111' : '000000',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('2 attempts left');
    expect((await cli(['login', '--email', other], password)).stderr).toContain('otp-auth verify');
  });

  it('turns two-factor on, signs in with a code and a recovery code, turns it off', async () => {
    const owner = 'cli-2fa@example.com';
    await cli(
      ['register', '--email', owner, '--username', 'cli2fa', '--phone', '1234567'],
      password,
    );
    await cli(['verify', '--email', owner, '--code', await server.smtp.codeFor(owner)]);
    expect((await cli(['login', '--email', owner], password)).code).toBe(0);

    const setup = await cli(['2fa-setup'], password);
    expect(setup.code).toBe(0);
    const secret = /Secret[^:]*: ([A-Z2-7]+)/.exec(setup.stdout)?.[1] ?? '';
    expect(secret).toHaveLength(32);
    const app = authenticatorApp(secret);
    const confirmed = await cli(['2fa-confirm', '--code', await app.code()]);
    expect(confirmed.code).toBe(0);
    const recovery = [...confirmed.stdout.matchAll(/^ {2}([a-z2-7]{5}-[a-z2-7]{5})$/gm)].map(
      (match) => match[1] ?? '',
    );
    expect(recovery).toHaveLength(10);
    expect((await cli(['2fa-status'])).stdout).toContain('10 recovery codes left');

    expect((await cli(['logout'])).code).toBe(0);
    const withoutCode = await cli(['login', '--email', owner], password);
    expect(withoutCode.code).toBe(2);
    expect(withoutCode.stderr).toContain('--code');
    const withCode = await cli(['login', '--email', owner, '--code', await app.code()], password);
    expect(withCode).toMatchObject({ code: 0, stdout: `Logged in as ${owner}.\n` });
    expect((await cli(['logout'])).code).toBe(0);
    const withRecovery = await cli(
      ['login', '--email', owner, '--recovery-code', recovery[0] ?? ''],
      password,
    );
    expect(withRecovery.code).toBe(0);
    expect((await cli(['2fa-status'])).stdout).toContain('9 recovery codes left');

    // A new set needs a second factor too (step-up).
    const noFactor = await cli(['2fa-recovery-codes'], password);
    expect(noFactor.code).toBe(2);
    expect(noFactor.stderr).toContain('--recovery-code');
    const renewed = await cli(['2fa-recovery-codes', '--code', await app.code()], password);
    expect(renewed.code).toBe(0);
    const fresh = [...renewed.stdout.matchAll(/^ {2}([a-z2-7]{5}-[a-z2-7]{5})$/gm)].map(
      (match) => match[1] ?? '',
    );
    expect(fresh).toHaveLength(10);
    expect((await cli(['2fa-status'])).stdout).toContain('10 recovery codes left');
    // So does deleting the account: without it the server refuses and the CLI says what to add.
    const keep = await cli(['delete'], password);
    expect(keep.code).toBe(1);
    expect(keep.stderr).toMatch(/hint: two-factor sign-in is on: add --code/);

    const off = await cli(['2fa-disable', '--recovery-code', fresh[1] ?? ''], password);
    expect(off).toMatchObject({ code: 0, stdout: 'Two-factor sign-in is off.\n' });
  }, 120_000);

  it('resets a forgotten password, then deletes the account', async () => {
    const who = 'cli-forgot@example.com';
    await cli(
      ['register', '--email', who, '--username', 'cliforgot', '--phone', '1234567'],
      password,
    );
    await cli(['verify', '--email', who, '--code', await server.smtp.codeFor(who)]);
    const asked = await cli(['forgot', '--email', who]);
    expect(asked).toMatchObject({ code: 0, stderr: '' });
    const code = await server.smtp.codeFor(who, 0, /password reset code/);
    const reset = await cli(['reset', '--email', who, '--code', code], 'cli-new-password-9\n');
    expect(reset).toMatchObject({ code: 0, stderr: '' });
    expect(reset.stdout).toMatch(/Password reset/);
    expect((await cli(['login', '--email', who], password)).code).toBe(1);
    expect((await cli(['login', '--email', who], 'cli-new-password-9\n')).code).toBe(0);

    const refused = await cli(['delete'], 'wrong-password-1\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ {2}password: Wrong password\./m);
    const deleted = await cli(['delete'], 'cli-new-password-9\n');
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout).toMatch(/deleted/);
    await expect(stat(tokenFile())).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await cli(['login', '--email', who], 'cli-new-password-9\n')).code).toBe(1);
  });

  it('finds accounts, disables and enables one, ends its sessions, exports the audit log', async () => {
    const adminEmail = 'cli-admin@example.com';
    await cli(
      ['register', '--email', adminEmail, '--username', 'cliadmin', '--phone', '1234567'],
      password,
    );
    await cli(['verify', '--email', adminEmail, '--code', await server.smtp.codeFor(adminEmail)]);
    expect((await cli(['login', '--email', adminEmail], password)).code).toBe(0);
    const refused = await cli(['admin', 'users']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('You do not have permission to perform this action.');
    await server.app.db.prisma.user.update({
      where: { email: adminEmail },
      data: { role: 'admin' },
    });
    // The role counts from the next token.
    expect((await cli(['login', '--email', adminEmail], password)).code).toBe(0);

    const target = 'cli-target@example.com';
    await cli(
      ['register', '--email', target, '--username', 'clitarget', '--phone', '1234567'],
      password,
    );
    await cli(['verify', '--email', target, '--code', await server.smtp.codeFor(target)]);
    const found = await cli(['admin', 'users', '--search', 'cli-tar']);
    expect(found.code).toBe(0);
    const { id } = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: target },
      select: { id: true },
    });
    expect(found.stdout).toBe(
      `${id}  ${target}  clitarget  active  last sign-in never\n1 shown of 1.\n`,
    );
    const detail = await cli(['admin', 'user', id]);
    expect(JSON.parse(detail.stdout)).toMatchObject({ user: { id, email: target } });

    const disabled = await cli(['admin', 'disable', id]);
    expect(disabled).toMatchObject({
      code: 0,
      stdout: `${target} is disabled; 0 sessions ended.\n`,
    });
    const pending = await cli(['admin', 'users', '--state', 'disabled', '--search', 'cli-']);
    expect(pending.stdout).toContain(`${target}  clitarget  disabled`);
    expect((await cli(['admin', 'enable', id])).stdout).toBe(
      `${target} is enabled: it can sign in again.\n`,
    );
    const ended = await cli(['admin', 'sessions', 'end', id]);
    expect(ended).toMatchObject({ code: 0, stdout: `${target} has no live session.\n` });
    const noSuch = await cli([
      'admin',
      'sessions',
      'end',
      id,
      '--session',
      '0190a0a0-0000-7000-8000-000000000000',
    ]);
    expect(noSuch.code).toBe(1);

    const exported = await cli(['admin', 'audit', '--user', id, '--jsonl']);
    expect(exported.code).toBe(0);
    const events = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; user_id: string });
    expect(events.map((e) => e.type)).toEqual([
      'account_enabled',
      'account_disabled',
      'verify',
      'register',
    ]);
    expect(events.every((e) => e.user_id === id)).toBe(true);
    const typed = await cli(['admin', 'audit', '--user', id, '--type', 'account_disabled']);
    expect(typed.stdout).toMatch(/ {2}account_disabled {2}.* by admin /);

    expect((await cli(['admin'])).code).toBe(2);
    expect((await cli(['admin', 'disable'])).stderr).toContain('<user id>');
    expect((await cli(['admin', 'sessions', 'stop', id])).code).toBe(2);
    expect((await cli(['logout'])).code).toBe(0);
  });

  it('refuses misuse with exit code 2', async () => {
    expect((await cli(['login'], password)).code).toBe(2);
    expect((await cli(['fly'])).code).toBe(2);
    expect((await cli(['whoami', 'extra'])).code).toBe(2);
    expect((await cli(['login', '--email', email])).stderr).toContain('no password');
  });
});
