// A broken or absent SMTP server never fails a registration, and never loses the mail.
import type { AddressInfo } from 'node:net';
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mutate, registration } from './http';
import {
  freshDatabase,
  sharedSecrets,
  startInstance,
  unusedPort,
  type Instance,
} from './instances';
import { expectNoSecretsIn } from './secrets-in-logs';

let db: Awaited<ReturnType<typeof freshDatabase>>;
// One database, one set of secrets for every instance started on it, as in a deployment (the
// signing keys in the database are sealed under OTP_SECRET).
const secrets = sharedSecrets();
const instances: Instance[] = [];
const exitCodes: (number | null)[] = [];
const closers: (() => Promise<void>)[] = [];
const passwords: string[] = [];
const codes: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
});
// Each test has its own instance and settings; a previous one must not work the shared outbox.
afterEach(async () => {
  for (const instance of instances) exitCodes.push(await instance.stop());
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
  await db.drop();
});

async function instanceMailingTo(port: number, env: Record<string, string>) {
  const instance = await startInstance({
    ...secrets,
    DATABASE_URL: db.url,
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(port),
    OTP_RESEND_COOLDOWN_SECONDS: '0',
    ...env,
  });
  instances.push(instance);
  return instance;
}

async function capture(port: number): Promise<SmtpCapture> {
  const smtp = await startSmtpCapture({ port });
  closers.push(smtp.close);
  return smtp;
}

/** An SMTP server that refuses every recipient for good (550). */
async function refusingSmtp(port: number) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  expect((server.server.address() as AddressInfo).port).toBe(port);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

async function outboxFor(email: string) {
  const prisma = (await db.inspect()).prisma;
  return prisma.outboxMail.findMany({ where: { to: email }, orderBy: { createdAt: 'asc' } });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('mail while SMTP is down', () => {
  it('registers at once, retries, and delivers once an SMTP server starts', async () => {
    const port = await unusedPort();
    const instance = await instanceMailingTo(port, {
      MAIL_MAX_ATTEMPTS: '30',
      MAIL_RETRY_BASE_MS: '100',
    });
    const email = 'smtp-down@example.com';
    const password = 'patient passphrase';
    passwords.push(password);

    const started = performance.now();
    const reply = await mutate(instance.url, 'auth.register', registration(email, password, 1));
    expect(reply.status).toBe(200);
    // Loose on purpose: "at once" means no SMTP timeout (10 s) was waited for.
    expect(performance.now() - started).toBeLessThan(5_000);

    const [failing] = await until(
      () => outboxFor(email),
      // Between attempts, not in the middle of one (a claim counts the attempt up front).
      (rows) => (rows[0]?.attempts ?? 0) >= 2 && rows[0]?.status === 'pending',
    );
    expect(failing?.lastError).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await capture(port);
    const otp = await smtp.codeFor(email);
    codes.push(otp);
    expect((await mutate(instance.url, 'auth.verifyOtp', { email, otp })).status).toBe(200);
    const [sent] = await until(
      () => outboxFor(email),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(sent?.text).toBe('');
    expect(smtp.countTo(email)).toBe(1);
  });

  it('gives up after N attempts, keeps no code, and lets the user ask again', async () => {
    const port = await unusedPort();
    closers.push(await refusingSmtp(port));
    const instance = await instanceMailingTo(port, {
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_RETRY_BASE_MS: '50',
    });
    const email = 'smtp-refuses@example.com';
    const password = 'persistent passphrase';
    passwords.push(password);
    expect(
      (await mutate(instance.url, 'auth.register', registration(email, password, 2))).status,
    ).toBe(200);

    const [failed] = await until(
      () => outboxFor(email),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(failed).toMatchObject({ attempts: 3, text: '', html: null });
    expect(failed?.lastError).toMatch(/550|mailbox unavailable/);

    // The mail server is fixed; the user asks for a new code.
    const close = closers.pop();
    await close?.();
    const smtp = await capture(port);
    expect((await mutate(instance.url, 'auth.resendOtp', { email })).status).toBe(200);
    const otp = await smtp.codeFor(email);
    codes.push(otp);
    expect((await mutate(instance.url, 'auth.verifyOtp', { email, otp })).status).toBe(200);
    expect((await mutate(instance.url, 'auth.login', { email, password })).status).toBe(200);

    const rows = await outboxFor(email);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['failed', 3],
      ['sent', 1],
    ]);
  });

  it('logs the failures without any code or password', () => {
    expect(codes).toHaveLength(2);
    expect(exitCodes.length).toBeGreaterThanOrEqual(2);
    expect(exitCodes.every((code) => code === 0)).toBe(true);
    const logs = instances.map((instance) => instance.output()).join('\n');
    expect(logs).toContain('mail delivery failed');
    expectNoSecretsIn(logs, { codes, others: passwords });
  });
});
