// Webhooks across real server processes on one PostgreSQL, to a real receiver on 127.0.0.1 that
// verifies with `standardwebhooks`: a server killed (SIGKILL) mid-delivery delivers after its
// restart; two instances deliver each event once, never the same one at the same moment.
import {
  startSmtpCapture,
  startWebhookReceiver,
  type SmtpCapture,
  type WebhookReceiver,
} from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, registration } from './http';
import { freshDatabase, instanceEnv, startInstance, type Instance } from './instances';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let receiver: WebhookReceiver;
let env: Record<string, string>;
const instances: Instance[] = [];

async function start() {
  const instance = await startInstance(env);
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  receiver = await startWebhookReceiver();
  env = {
    ...instanceEnv(db.url, smtp.port),
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // A request may take 2 s, so a claim is leased for 4 s: a dead instance's delivery is free
    // again after that. Retries come quickly.
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '500',
  };
});
afterAll(async () => {
  for (const instance of instances) await instance.stop('SIGKILL');
  await receiver.close();
  await smtp.close();
  await db.drop();
});

/** An admin made over HTTP (the role set on the database, as `admin:grant` does), and the
 * endpoint it registers for every user.created. */
async function subscribe(url: string) {
  const password = 'admin password 1234';
  const email = 'hooks-admin@example.com';
  await mutate(url, 'auth.register', registration(email, password, 0));
  await mutate(url, 'auth.verifyOtp', { email, otp: await smtp.codeFor(email) });
  const { prisma } = await db.inspect();
  await prisma.user.update({ where: { email }, data: { role: 'admin' } });
  const login = await mutate(url, 'auth.login', { email, password });
  const { access } = login.data as { access: string };
  const created = await mutate(
    url,
    'admin.webhooks.create',
    { url: receiver.url, events: ['user.created'] },
    access,
  );
  receiver.trust((created.data as { secret: string }).secret);
}

const register = (url: string, index: number) =>
  mutate(
    url,
    'auth.register',
    registration(`hooked${String(index)}@example.com`, 'pw long enough 1', index),
  );

/** How often each webhook-id was accepted (answered 2xx). */
function acceptedCounts() {
  const counts = new Map<string, number>();
  for (const id of receiver.accepted()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('webhooks across server processes', { timeout: 180_000 }, () => {
  it('a server killed mid-delivery: the restarted one delivers the event, once', async () => {
    const first = await start();
    await subscribe(first.url);
    // The receiver holds the first request open: the server is killed while it waits.
    receiver.answer(({ attempt }) => (attempt === 1 ? 'hold' : 200));
    expect((await register(first.url, 1)).status).toBe(200);
    await receiver.until((all) => all.length === 1);
    const [held] = receiver.received;
    expect(held?.verified).toBe(true);
    expect(await first.stop('SIGKILL')).toBeNull();

    await start();
    await receiver.until(() => receiver.accepted().includes(held?.id ?? ''), 60_000);
    expect(acceptedCounts().get(held?.id ?? '')).toBe(1);
    expect(receiver.received.filter((r) => r.id === held?.id).every((r) => r.verified)).toBe(true);
  });

  it('two instances on one database deliver each event once', async () => {
    receiver.answer(200);
    const before = new Set(receiver.accepted());
    const [a, b] = [instances.at(-1) as Instance, await start()];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => register(i % 2 === 0 ? a.url : b.url, 100 + i)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await receiver.until(
      () => receiver.accepted().filter((id) => !before.has(id)).length >= 12,
      60_000,
    );
    const counts = acceptedCounts();
    const fresh = [...counts].filter(([id]) => !before.has(id));
    expect(fresh).toHaveLength(12);
    expect(fresh.every(([, count]) => count === 1)).toBe(true);
    expect(receiver.mostAtOnce()).toBe(1);
    const { prisma } = await db.inspect();
    await expect
      .poll(() => prisma.webhookDelivery.count({ where: { status: { not: 'delivered' } } }))
      .toBe(0);
  });
});
