// SIGTERM in the middle of a burst: what was accepted completes, and its mail goes out.
import { request } from 'node:http';
import { extractCode, startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './http';
import { freshDatabase, instanceEnv, startInstance, type Instance } from './instances';
import { expectNoSecretsIn } from './secrets-in-logs';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let instance: Instance;

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  instance = await startInstance({
    ...instanceEnv(db.url, smtp.port),
    // Slow hashing keeps many registrations in flight when the signal arrives.
    BCRYPT_COST: '10',
    // "request received" lines tell the test which requests the server has taken in.
    LOG_LEVEL: 'debug',
  });
});
afterAll(async () => {
  await instance.stop('SIGKILL');
  await smtp.close();
  await db.drop();
});

interface Outcome {
  email: string;
  status?: number;
  error?: string;
}

/** One registration on its own connection. */
function register(url: string, email: string, password: string, index: number) {
  const outcome: Outcome = { email };
  const body = JSON.stringify(registration(email, password, index));
  const done = new Promise<Outcome>((resolve) => {
    const req = request(
      `${url}/trpc/auth.register`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ...outcome, status: res.statusCode }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ...outcome, error: error.code ?? error.message }),
    );
    req.end(body);
  });
  return { outcome, done };
}

describe('SIGTERM during a burst', () => {
  it('completes every accepted request, sends all their mail, and exits 0', async () => {
    const password = 'drain me gently please';
    const first = Array.from({ length: 24 }, (_, i) =>
      register(instance.url, `before-${i}@example.com`, password, i),
    );
    // Signal only once the server has taken in every one of them.
    const received = () => instance.output().split('"msg":"request received"').length - 1;
    const deadline = Date.now() + 20_000;
    while (received() < first.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(received()).toBe(first.length);
    instance.process.kill('SIGTERM');
    // More arrive during the shutdown: each is served or refused, never dropped half-way.
    const during = Array.from({ length: 12 }, (_, i) =>
      register(instance.url, `during-${i}@example.com`, password, 100 + i),
    );

    const accepted = await Promise.all(first.map((call) => call.done));
    const late = await Promise.all(during.map((call) => call.done));
    expect(await instance.exited).toBe(0);

    expect(accepted.map((o) => o.status ?? o.error)).toEqual(accepted.map(() => 200));
    for (const outcome of late) {
      if (outcome.status !== undefined) expect(outcome.status).toBe(200);
      else expect(outcome.error).toMatch(/ECONNREFUSED|ECONNRESET/);
    }

    // No mail lost: every account that exists got its code, exactly once, before the exit.
    const prisma = (await db.inspect()).prisma;
    const users = await prisma.user.findMany({ select: { email: true } });
    expect(users.length).toBeGreaterThanOrEqual(accepted.length);
    expect(users.map((user) => smtp.countTo(user.email))).toEqual(users.map(() => 1));
    expect(await prisma.outboxMail.count({ where: { status: { not: 'sent' } } })).toBe(0);

    const logs = instance.output();
    expect(logs).toContain('shutting down');
    expectNoSecretsIn(logs, { codes: smtp.received.map(extractCode), others: [password] });
  });
});
