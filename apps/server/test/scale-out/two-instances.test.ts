// Two server processes on one PostgreSQL behave as one service.
import { extractCode, startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inParallel, mutate, query, registration } from './http';
import { freshDatabase, instanceEnv, startInstance, type Instance } from './instances';
import { expectNoSecretsIn } from './secrets-in-logs';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let a: Instance;
let b: Instance;
const passwords: string[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  const env = {
    ...instanceEnv(db.url, smtp.port),
    // The 200-mail burst comes from one address; the login limit is the one shown to be shared.
    RATE_LIMIT_REGISTER: 'ip=1000/3600,account=10/3600',
    RATE_LIMIT_LOGIN: 'ip=1000/900,account_ip=4/900,account=1000/900',
  };
  // Started together: both run the migrations at once, which the advisory lock serialises.
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
});

afterAll(async () => {
  await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
  await smtp.close();
  await db.drop();
});

describe('two instances on one PostgreSQL', () => {
  it('refuses on one instance a session revoked on the other', async () => {
    const email = 'shared-session@example.com';
    const password = 'correct horse battery';
    passwords.push(password);
    expect((await mutate(a.url, 'auth.register', registration(email, password, 1))).status).toBe(
      200,
    );
    const otp = await smtp.codeFor(email);
    expect((await mutate(b.url, 'auth.verifyOtp', { email, otp })).status).toBe(200);

    const login = await mutate(a.url, 'auth.login', { email, password });
    const { access, refresh } = login.data as { access: string; refresh: string };
    tokens.push(access, refresh);
    expect((await query(b.url, 'account.profile', access)).status).toBe(200);

    expect((await mutate(b.url, 'auth.logout', { refresh_token: refresh })).status).toBe(200);
    expect((await query(a.url, 'account.profile', access)).status).toBe(401);
    expect((await mutate(a.url, 'auth.refresh', { refresh })).status).toBe(401);
  });

  it('counts one rate limit across both instances', async () => {
    const email = 'limited@example.com';
    const attempt = (i: number) =>
      mutate(i % 2 === 0 ? a.url : b.url, 'auth.login', { email, password: 'wrong password 1' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i)).status);
    // Four failed guesses for the account from this client in all, spread over both instances;
    // then 429 on either.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('sends each of 200 queued mails exactly once', async () => {
    const password = 'another good passphrase';
    passwords.push(password);
    const emails = Array.from({ length: 200 }, (_, i) => `burst-${i}@example.com`);
    const statuses = await inParallel(emails, 16, async (email, i) => {
      const instance = i % 2 === 0 ? a : b;
      return (await mutate(instance.url, 'auth.register', registration(email, password, i))).status;
    });
    expect(statuses.every((status) => status === 200)).toBe(true);

    const prisma = (await db.inspect()).prisma;
    const deadline = Date.now() + 60_000;
    while ((await prisma.outboxMail.count({ where: { status: { not: 'sent' } } })) > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not drain');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Each row was claimed once (a claim counts an attempt; a sent row is never claimed again),
    // so each mail was handed to SMTP once.
    const rows = await prisma.outboxMail.findMany({
      where: { to: { in: emails } },
      select: { status: true, attempts: true },
    });
    expect(rows).toHaveLength(200);
    expect(rows.filter((row) => row.status !== 'sent' || row.attempts !== 1)).toEqual([]);
    await vi.waitFor(
      () => expect(emails.filter((email) => smtp.countTo(email) === 0)).toEqual([]),
      { timeout: 10_000, interval: 100 },
    );
    expect(emails.filter((email) => smtp.countTo(email) !== 1)).toEqual([]);
    // Both instances did part of the work.
    expect(a.output()).toMatch(/"path":"\/trpc\/auth.register"/);
    expect(b.output()).toMatch(/"path":"\/trpc\/auth.register"/);
  }, 90_000);

  it('logs a request id on every request line and no code, password or token', async () => {
    const reply = await fetch(`${a.url}/healthz`, { headers: { 'x-request-id': 'probe-42' } });
    expect(reply.headers.get('x-request-id')).toBe('probe-42');
    const fresh = await fetch(`${a.url}/healthz`, { headers: { 'x-request-id': 'bad id\n' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    const logs = a.output() + b.output();
    const lines = logs.split('\n').filter((line) => line.trim());
    const requestLines = lines.filter((line) => line.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThan(200);
    expect(requestLines.every((line) => /"reqId":"[^"]+"/.test(line))).toBe(true);
    expect(logs).toContain('"reqId":"probe-42"');
    expectNoSecretsIn(logs, {
      codes: smtp.received.map(extractCode),
      others: [...passwords, ...tokens],
    });
  });
});
