// The webhook worker against a real receiver on 127.0.0.1 that verifies every request with the
// `standardwebhooks` package, on PGlite and on PostgreSQL. Time is Date's, moved by vitest's
// fake Date (timers stay real): the receiver's verifier reads the same clock as the signer.
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import type { WebhookEventInput } from '@otp-auth/validators';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { emitEvent } from './emit';
import { newWebhookSecret, webhookSecretBox } from './signing';
import type { Resolver } from './target';
import { createWebhookWorker, webhookDeliveryDefaults, type WebhookWorkerOptions } from './worker';

const box = webhookSecretBox({ otpSecret: randomBytes(32) });
const HOUR_MS = 3_600_000;

const created = (n: number): WebhookEventInput => ({
  type: 'user.created',
  data: {
    user_id: `user-${String(n)}`,
    email: `u${String(n)}@example.com`,
    username: `u${String(n)}`,
  },
});

describe.each(['pglite', 'postgres'] as const)('the webhook worker (%s)', (kind) => {
  let db: Database;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const receiver of receivers.splice(0)) await receiver.close();
    await db.prisma.webhookEndpoint.deleteMany();
    await db.prisma.webhookEvent.deleteMany();
  });
  afterAll(() => db.close());

  async function receiver() {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  }

  async function endpointFor(target: WebhookReceiver, events: string[] = []) {
    const secret = newWebhookSecret();
    const row = await db.prisma.webhookEndpoint.create({
      data: { url: target.url, events, secretSealed: box.seal(secret) },
    });
    target.trust(secret);
    return { id: row.id, secret };
  }

  const emit = (...events: WebhookEventInput[]) =>
    db.prisma.$transaction((tx) => emitEvent(tx, new Date(), ...events));

  const worker = (options: Partial<WebhookWorkerOptions> = {}) =>
    createWebhookWorker({
      prisma: db.prisma,
      clock: systemClock,
      secrets: box,
      allowPrivate: true,
      ...options,
    });

  const deliveries = (endpointId: string) =>
    db.prisma.webhookDelivery.findMany({
      where: { endpointId },
      orderBy: { seq: 'asc' },
      include: { event: true },
    });

  it('delivers each event signed as Standard Webhooks says, with the event id as webhook-id', async () => {
    const target = await receiver();
    await endpointFor(target);
    await emit(created(1), { type: 'user.deleted', data: { user_id: 'user-1' } });
    await worker().drain();

    expect(target.received).toHaveLength(2);
    const [first, second] = target.received;
    expect(first?.verified && second?.verified).toBe(true);
    expect(first?.payload).toEqual({
      type: 'user.created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { user_id: 'user-1', email: 'u1@example.com', username: 'u1' },
    });
    expect(second?.payload?.type).toBe('user.deleted');
    const events = await db.prisma.webhookEvent.findMany({ orderBy: { occurredAt: 'asc' } });
    expect(new Set(target.received.map((r) => r.id))).toEqual(new Set(events.map((e) => e.id)));
    expect(first?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(first?.headers['content-type']).toBe('application/json');
  });

  it('writes nothing when the transaction rolls back, or when no endpoint subscribes', async () => {
    const target = await receiver();
    await endpointFor(target, ['user.deleted']);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await emitEvent(tx, new Date(), { type: 'user.deleted', data: { user_id: 'gone' } });
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow('the change fails');
    await emit(created(2)); // not subscribed
    expect(await worker().drain()).toBe(0);
    expect(await db.prisma.webhookEvent.count()).toBe(0);
    expect(target.received).toHaveLength(0);
  });

  it('survives a receiver down for over an hour at the default settings, then 500, then 200: each event accepted once, in order', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const target = await receiver();
    const endpoint = await endpointFor(target);
    await target.down();
    await emit(created(1), created(2), created(3));
    const work = worker(); // the real defaults: 18 attempts, 5 s doubling to an hour

    // Down: each retry comes due and fails, until more than an hour has passed.
    let head = (await deliveries(endpoint.id))[0];
    while (Date.now() - start <= HOUR_MS) {
      await work.drain();
      head = (await deliveries(endpoint.id))[0];
      expect(head?.status).toBe('pending');
      vi.setSystemTime(head?.nextAttemptAt ?? new Date());
    }
    const waited = await deliveries(endpoint.id);
    expect(waited.map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    expect(head?.attempts).toBeGreaterThan(5);
    expect(head?.attempts).toBeLessThan(webhookDeliveryDefaults.maxAttempts);
    expect(head?.lastError).toMatch(/ECONNREFUSED/);
    // Later events wait behind the first: never tried while it is retried.
    expect(waited.slice(1).map((d) => d.attempts)).toEqual([0, 0]);

    // Up, but failing: a 500 is retried like an outage.
    await target.up();
    target.answer(500);
    await work.drain();
    expect(target.received.map((r) => [r.status, r.verified])).toEqual([[500, true]]);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      responseExcerpt: 'refused with 500',
    });

    // Recovered: everything arrives, once each, in the order it happened.
    target.answer(200);
    vi.setSystemTime((await deliveries(endpoint.id))[0]?.nextAttemptAt ?? new Date());
    await work.drain();
    const done = await deliveries(endpoint.id);
    expect(done.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(target.accepted()).toEqual(done.map((d) => d.eventId));
    expect(target.received.every((r) => r.verified)).toBe(true);
    // Every attempt of the first event carried its one webhook-id.
    expect(new Set(target.received.slice(0, 2).map((r) => r.id)).size).toBe(1);
    expect(target.received.map((r) => r.payload?.data.user_id)).toEqual([
      'user-1',
      'user-1',
      'user-2',
      'user-3',
    ]);
  });

  it('one failing endpoint holds back only its own queue', async () => {
    const failing = await receiver();
    const healthy = await receiver();
    const bad = await endpointFor(failing);
    await endpointFor(healthy);
    failing.answer(503);
    await emit(created(1), created(2));
    await worker({ retryBaseMs: 60_000 }).drain();
    expect(healthy.accepted()).toHaveLength(2);
    expect(failing.received).toHaveLength(1);
    expect((await deliveries(bad.id)).map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
  });

  it('gives an event up after the last attempt (the dead letter), and the next one goes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const target = await receiver();
    const endpoint = await endpointFor(target);
    let answered = 0;
    target.answer(() => (++answered <= 3 ? 500 : 200));
    await emit(created(1), created(2));
    const work = worker({ maxAttempts: 3, retryBaseMs: 1_000 });
    for (let i = 0; i < 3; i += 1) {
      await work.drain();
      const [first] = await deliveries(endpoint.id);
      if (first?.status === 'pending') vi.setSystemTime(first.nextAttemptAt);
    }
    const [dead, next] = await deliveries(endpoint.id);
    expect(dead).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500 });
    expect(next).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('a delivery whose worker died is taken over once its lease ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const target = await receiver();
    const endpoint = await endpointFor(target);
    await emit(created(1));
    // A worker claimed it (status sending, lease 20 s) and was killed before answering.
    await db.prisma.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.now() + 20_000) },
    });
    const work = worker();
    expect(await work.drain()).toBe(0);
    expect(target.received).toHaveLength(0);
    vi.setSystemTime(Date.now() + 20_001);
    expect(await work.drain()).toBe(1);
    expect(target.accepted()).toHaveLength(1);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('several workers at once send each event once, never two of an endpoint at the same time', async () => {
    const targets = [await receiver(), await receiver(), await receiver()];
    for (const target of targets) await endpointFor(target);
    for (let batch = 0; batch < 5; batch += 1) {
      await emit(...Array.from({ length: 8 }, (_, i) => created(batch * 8 + i)));
    }
    const workers = Array.from({ length: 4 }, () => worker());
    await Promise.all(workers.map((w) => w.drain()));
    await Promise.all(workers.map((w) => w.drain())); // whatever a lost race left
    for (const target of targets) {
      expect(target.accepted()).toHaveLength(40);
      expect(new Set(target.accepted()).size).toBe(40);
      expect(target.mostAtOnce()).toBe(1);
      // In the order the events were written.
      expect(target.received.map((r) => r.payload?.data.user_id)).toEqual(
        Array.from({ length: 40 }, (_, i) => `user-${String(i)}`),
      );
    }
  });

  it('signs with the previous secret too during its grace, as two v1 signatures', async () => {
    const target = await receiver();
    const endpoint = await endpointFor(target);
    const next = newWebhookSecret();
    await db.prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretSealed: box.seal(next),
        previousSecretSealed: box.seal(endpoint.secret),
        previousSecretExpiresAt: new Date(Date.now() + HOUR_MS),
      },
    });
    await emit(created(1));
    await worker().drain();
    const [both] = target.received;
    expect(both?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(both?.verified).toBe(true); // with the old secret the receiver still holds

    target.trustOnly(next);
    await db.prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1) },
    });
    await emit(created(2));
    await worker().drain();
    const [, after] = target.received;
    expect(after?.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(after?.verified).toBe(true);
  });

  it('refuses a private target at delivery time, after DNS, and connects to the address it checked', async () => {
    const target = await receiver();
    const named = `http://hooks.receiver.example:${String(target.port)}/in`;
    const endpoint = await endpointFor(target);
    await db.prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: named } });
    const asked: string[] = [];
    const resolve: Resolver = (host) => {
      asked.push(host);
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    await emit(created(1));

    await worker({ allowPrivate: false, resolve }).drain();
    expect(target.received).toHaveLength(0);
    expect((await deliveries(endpoint.id))[0]?.lastError).toBe(
      'hooks.receiver.example resolves to 127.0.0.1, a loopback address: webhooks go to public addresses only.',
    );

    // Allowed, the request goes to the resolver's address (no system DNS knows this name).
    await db.prisma.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
    await worker({ allowPrivate: true, resolve }).drain();
    expect(target.accepted()).toHaveLength(1);
    expect(target.received[0]?.headers.host).toBe(`hooks.receiver.example:${String(target.port)}`);
    expect(asked).toEqual(['hooks.receiver.example', 'hooks.receiver.example']);
  });

  it('follows no redirect and gives up on a receiver that does not answer in time', async () => {
    const target = await receiver();
    const endpoint = await endpointFor(target);
    await emit(created(1));
    target.answer(302);
    await worker().drain();
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: 302,
      lastError: 'HTTP 302: redirects are not followed',
    });

    target.answer('hold');
    await db.prisma.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
    await worker({ timeoutMs: 300 }).drain();
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'no answer within 300 ms',
    });
  });
});
