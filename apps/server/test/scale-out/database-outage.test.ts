// PostgreSQL stopped and started again under a running server: while it is down every request
// that needs it is a 503 with Retry-After and `service_unavailable` (never a 500), /readyz says
// so, and the server comes back by itself once the database does.
import { execFileSync } from 'node:child_process';
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { emptyPostgresDatabase } from '@otp-auth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config';
import { mutate, query } from './http';
import { instanceEnv, startInstance, type Instance } from './instances';

/** A PostgreSQL of this test's own (the shared one must stay up for the other tests). */
const postgres = (() => {
  const exports = execFileSync('bash', ['.ci/start-postgres.sh'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const vars = Object.fromEntries(
    [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  const dir = vars.OTP_AUTH_PG_DIR ?? '';
  const bin = vars.OTP_AUTH_PG_BIN ?? '';
  const url = vars.TEST_DATABASE_URL ?? '';
  const port = new URL(url).port;
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const pgCtl = (...args: string[]) => {
    const [command = '', ...rest] = [...asPostgres, `${bin}/pg_ctl`, '-D', `${dir}/data`, ...args];
    execFileSync(command, rest, { stdio: 'ignore' });
  };
  return {
    url,
    stop: () => pgCtl('-m', 'fast', '-w', 'stop'),
    start: () =>
      pgCtl(
        '-l',
        `${dir}/server.log`,
        '-w',
        '-t',
        '30',
        'start',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      ),
    remove: () =>
      execFileSync('bash', ['.ci/stop-postgres.sh', dir], {
        cwd: repoRoot,
        env: { ...process.env, OTP_AUTH_PG_BIN: bin },
        stdio: 'ignore',
      }),
  };
})();

let smtp: SmtpCapture;
let instance: Instance;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  const database = await emptyPostgresDatabase(postgres.url);
  instance = await startInstance({
    ...instanceEnv(database.url, smtp.port),
  });
});

afterAll(async () => {
  await instance.stop('SIGKILL');
  await smtp.close();
  postgres.remove();
});

const account = (name: string) => ({
  email: `${name}@example.com`,
  username: name,
  phone_number: '1234567890',
  password: 'strongpassword123',
});

async function restRegister(name: string) {
  const res = await fetch(`${instance.url}/api/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account(name)),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('the database stops and comes back', () => {
  it('answers 503 service_unavailable while it is down, then recovers by itself', async () => {
    expect((await restRegister('before')).status).toBe(201);
    const otp = await smtp.codeFor('before@example.com');
    await mutate(instance.url, 'auth.verifyOtp', { email: 'before@example.com', otp });
    const login = await mutate(instance.url, 'auth.login', {
      email: 'before@example.com',
      password: 'strongpassword123',
    });
    const { access } = login.data as { access: string };

    postgres.stop();
    const refused = await restRegister('during');
    expect(refused).toMatchObject({
      status: 503,
      retryAfter: expect.stringMatching(/^\d+$/) as unknown,
      body: { code: 'service_unavailable', detail: expect.any(String) as unknown },
    });
    const profile = await fetch(`${instance.url}/api/profile/`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(profile.status).toBe(503);
    expect(profile.headers.get('retry-after')).toMatch(/^\d+$/);
    const trpc = await query(instance.url, 'account.profile', access);
    expect(trpc.status).toBe(503);
    expect(trpc.data).toMatchObject({ data: { code: 'service_unavailable' } });
    expect((await fetch(`${instance.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);

    postgres.start();
    const deadline = Date.now() + 20_000;
    while ((await fetch(`${instance.url}/readyz`)).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);
    expect((await restRegister('after')).status).toBe(201);
    expect((await query(instance.url, 'account.profile', access)).status).toBe(200);
    expect(instance.output()).not.toMatch(/"code":"internal_error"|procedure failed/);
  });
});
