import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config';
import { createLogger } from '../../src/logger';
import { accountFor } from './http';

/** The server as a release runs it (`node .` runs this same entry, compiled): a process whose
 * environment names no NODE_ENV, with SMTP and the HTTPS origin the app is served at. */
async function startWithoutNodeEnv(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-release-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      LOG_LEVEL: 'info',
      WEB_DIST: join(dataDir, 'no-web-build'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in time:\n${output}`)), 60_000);
    const look = () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const fromApp = { 'content-type': 'application/json', 'x-requested-with': 'otp-auth-web' };

describe('production by default', () => {
  let smtp: SmtpCapture;
  let server: Awaited<ReturnType<typeof startWithoutNodeEnv>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startWithoutNodeEnv({
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(smtp.port),
      EMAIL_USE_TLS: 'False',
      PUBLIC_URL: 'https://auth.example.test',
    });
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = fromApp) =>
    fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('ASVS 5.0 13.4.2 (no debug features in production): without NODE_ENV there is no dev inbox', async () => {
    expect((await fetch(`${server.url}/dev/inbox`)).status).toBe(404);
  });

  it('ASVS 5.0 3.3.1 (cookie attributes): on an HTTPS origin the refresh cookie is __Host-, Secure, Path=/, and works', async () => {
    const account = accountFor('release-cookie');
    expect((await post('auth.register', account)).status).toBe(200);
    const otp = await smtp.codeFor(account.email);
    expect((await post('auth.verifyOtp', { email: account.email, otp })).status).toBe(200);
    const login = await post('browser.login', { email: account.email, password: account.password });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-otp_auth_refresh=[^;]+;/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/i);

    const value = /^__Host-otp_auth_refresh=([^;]+)/.exec(cookie)?.[1] ?? '';
    const refreshed = await post('browser.refresh', null, {
      ...fromApp,
      cookie: `__Host-otp_auth_refresh=${value}`,
    });
    expect(refreshed.status).toBe(200);
    // The unprefixed name, which any subdomain could plant, is not read on an HTTPS origin.
    const planted = await post('browser.refresh', null, {
      ...fromApp,
      cookie: `otp_auth_refresh=${value}`,
    });
    expect(planted.status).toBe(401);

    const logs = server.output();
    expect(logs).not.toContain(account.password);
    expect(new RegExp(`(?<!\\d)${otp}(?!\\d)`).test(logs)).toBe(false);
    expect(logs).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
  });
});

describe('log redaction', () => {
  it('ASVS 5.0 16.2.5 (no sensitive data in logs): every password, code, token and secret field is redacted, at any depth', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const log = createLogger({ level: 'info', pretty: false }, sink);
    const secrets: Record<string, string> = {
      password: 'pw-0001-secret',
      old_password: 'pw-0002-secret',
      new_password: 'pw-0003-secret',
      confirm_password: 'pw-0004-secret',
      otp: '314159',
      code: '271828',
      recovery_code: 'rc-0005-secret',
      recovery_codes: 'rc-0006-secret',
      mfa_token: 'mfa-0007-secret',
      token: 'tok-0008-secret',
      access: 'acc-0009-secret',
      refresh: 'ref-0010-secret',
      refresh_token: 'ref-0011-secret',
      access_token: 'acc-0012-secret',
      id_token: 'id-0013-secret',
      secret: 'whsec_0014secret',
      client_secret: 'cs-0015-secret',
      JWT_SECRET: 'jwt-0016-secret',
      OTP_SECRET: 'otp-0017-secret',
      EMAIL_HOST_PASSWORD: 'smtp-0018-secret',
      authorization: 'Bearer auth-0019-secret',
      cookie: 'otp_auth_refresh=cookie-0020-secret',
      'set-cookie': '__Host-otp_auth_refresh=cookie-0021-secret',
    };
    log.info(secrets, 'top level');
    log.info({ body: secrets }, 'one level down');
    log.info({ request: { input: { items: [secrets] } } }, 'deep, in an array');
    log.child({ reqId: 'r1' }).warn({ req: { headers: secrets } }, 'headers');
    const lines = written.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const value of Object.values(secrets)) expect(written).not.toContain(value);
    // Redacted, not dropped: the field names are still there to read.
    expect(written).toContain('"mfa_token":"[redacted]"');
    // What is not secret stays.
    log.info({ method: 'POST', path: '/trpc/auth.login', status: 401 }, 'request');
    expect(written).toContain('"path":"/trpc/auth.login"');
  });
});
