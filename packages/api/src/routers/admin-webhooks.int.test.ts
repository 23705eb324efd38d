// Admins manage webhook endpoints: a secret shown once and sealed at rest, private targets
// refused unless allowed, rotation with a grace, disable and enable, a delivery log with
// "redeliver", every change audited with the admin's id.
import { createWebhookWorker, emitEvent, systemClock, webhookSecretBox } from '@otp-auth/auth';
import { startWebhookReceiver, type WebhookReceiver } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, type Harness } from '../testing/harness';

let h: Harness;
let receiver: WebhookReceiver;
let as: ReturnType<Harness['as']>;

beforeAll(async () => {
  // The default: private and loopback targets refused.
  h = await createHarness();
  receiver = await startWebhookReceiver();
  const admin = await h.signUpAdmin();
  as = h.as(admin.tokens.access);
});
afterAll(async () => {
  await receiver.close();
  await h.close();
  await own?.close();
});

/** Endpoints that reach the receiver are made where WEBHOOK_ALLOW_PRIVATE is on: a harness of
 * its own, made once, emptied of endpoints for each test. */
let own: Harness | undefined;
let ownAdmin: ReturnType<Harness['as']>;
async function withPrivateAllowed<T>(
  run: (own: Harness, admin: ReturnType<Harness['as']>) => Promise<T>,
): Promise<T> {
  if (!own) {
    own = await createHarness({ webhookAllowPrivate: true });
    ownAdmin = own.as((await own.signUpAdmin()).tokens.access);
  }
  // Each test starts with no endpoint: events go to its own only.
  await own.db.prisma.webhookEndpoint.deleteMany();
  return run(own, ownAdmin);
}

describe('endpoints', () => {
  it('refuses private, loopback and unresolvable targets, and URLs that are not http(s)', async () => {
    for (const url of [
      'http://127.0.0.1:9/hooks',
      'http://localhost/hooks',
      'http://[::1]/hooks',
      'https://169.254.169.254/latest/meta-data',
      'http://10.0.0.8/',
      'http://does-not-resolve.invalid/',
    ]) {
      const refused = await failure(as.admin.webhooks.create({ url }));
      expect(refused, url).toMatchObject({ status: 'BAD_REQUEST', code: 'webhook_url_refused' });
      expect(refused.fields?.url?.[0], url).toMatch(/public addresses only|does not resolve/);
    }
    expect((await failure(as.admin.webhooks.create({ url: 'http://localhost/' }))).fields).toEqual({
      url: [
        'localhost resolves to 127.0.0.1, a loopback address: webhooks go to public addresses only.',
      ],
    });
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'not a url',
      'https://u:p@example.com/',
    ]) {
      expect((await failure(as.admin.webhooks.create({ url }))).code, url).toBe('invalid_input');
    }
    const badEvents = await failure(
      as.admin.webhooks.create({
        url: 'https://example.com/',
        events: ['user.nope' as 'user.created'],
      }),
    );
    expect(badEvents.code).toBe('invalid_input');
    expect(await h.db.prisma.webhookEndpoint.count()).toBe(0);
  });

  it('creates with the secret shown once and sealed at rest; lists, edits, disables and deletes', async () => {
    await withPrivateAllowed(async (own, admin) => {
      const created = await admin.admin.webhooks.create({
        url: receiver.url,
        events: ['user.created', 'user.deleted', 'user.created'],
        description: 'provisioning',
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(created.endpoint).toMatchObject({
        url: receiver.url,
        events: ['user.created', 'user.deleted'],
        description: 'provisioning',
        enabled: true,
        pending: 0,
        failed: 0,
        previous_secret_expires_at: null,
      });
      const row = await own.db.prisma.webhookEndpoint.findUniqueOrThrow({
        where: { id: created.endpoint.id },
      });
      expect(row.secretSealed).not.toContain(created.secret.slice(6));
      expect(JSON.stringify(await admin.admin.webhooks.list())).not.toContain(created.secret);
      expect(
        JSON.stringify(await admin.admin.webhooks.get({ id: created.endpoint.id })),
      ).not.toContain(created.secret);

      const { id } = created.endpoint;
      const edited = await admin.admin.webhooks.update({ id, events: [], enabled: false });
      expect(edited).toMatchObject({ events: [], enabled: false });
      expect((await admin.admin.webhooks.list()).endpoints.find((e) => e.id === id)?.enabled).toBe(
        false,
      );
      const audit = await own.db.prisma.auditEvent.findMany({
        where: { detail: { path: ['endpoint_id'], equals: created.endpoint.id } },
        orderBy: { createdAt: 'asc' },
        select: { type: true, actorId: true, detail: true },
      });
      expect(audit.map((e) => e.type)).toEqual(['webhook_created', 'webhook_updated']);
      expect(JSON.stringify(audit)).not.toContain(created.secret);

      expect(await admin.admin.webhooks.delete({ id })).toEqual({ message: 'Endpoint deleted.' });
      expect((await failure(admin.admin.webhooks.get({ id }))).code).toBe('not_found');
      expect((await failure(admin.admin.webhooks.delete({ id }))).code).toBe('not_found');
    });
  });

  it('rotates: the new secret is shown once, the previous one signs too until its grace ends', async () => {
    await withPrivateAllowed(async (own, admin) => {
      const { endpoint, secret: first } = await admin.admin.webhooks.create({ url: receiver.url });
      const rotated = await admin.admin.webhooks.rotateSecret({ id: endpoint.id });
      expect(rotated.secret).not.toBe(first);
      expect(rotated.message).toMatch(/previous one signs too until/);
      const grace = new Date(rotated.endpoint.previous_secret_expires_at ?? 0).getTime();
      expect(grace - own.clock.now().getTime()).toBe(own.config.webhookSecretGraceSeconds * 1000);
      const box = webhookSecretBox(own.config);
      const row = await own.db.prisma.webhookEndpoint.findUniqueOrThrow({
        where: { id: endpoint.id },
      });
      expect(box.open(row.secretSealed)).toBe(rotated.secret);
      expect(box.open(row.previousSecretSealed ?? '')).toBe(first);
      // Two rotations at once: the secret each admin was shown is the current or the previous.
      const [a, b] = await Promise.all([
        admin.admin.webhooks.rotateSecret({ id: endpoint.id }),
        admin.admin.webhooks.rotateSecret({ id: endpoint.id }),
      ]);
      const after = await own.db.prisma.webhookEndpoint.findUniqueOrThrow({
        where: { id: endpoint.id },
      });
      expect(
        [box.open(after.secretSealed), box.open(after.previousSecretSealed ?? '')].sort(),
      ).toEqual([a.secret, b.secret].sort());
    });
  });
});

describe('the delivery log', () => {
  it('shows status, attempts, last error and code, pages newest first, and redelivers with the same webhook-id', async () => {
    await withPrivateAllowed(async (own, admin) => {
      const { endpoint, secret } = await admin.admin.webhooks.create({ url: receiver.url });
      receiver.trust(secret);
      const worker = createWebhookWorker({
        prisma: own.db.prisma,
        clock: systemClock,
        secrets: webhookSecretBox(own.config),
        allowPrivate: true,
        maxAttempts: 1,
      });
      await own.db.prisma.$transaction((tx) =>
        emitEvent(
          tx,
          new Date(),
          ...[1, 2, 3].map((n) => ({
            type: 'user.deleted' as const,
            data: { user_id: `log-${String(n)}` },
          })),
        ),
      );
      let answered = 0;
      receiver.answer(() => (++answered === 1 ? 500 : 200));
      await worker.drain();

      const log = await admin.admin.webhooks.deliveries({ id: endpoint.id });
      expect(log.next_before).toBeNull();
      expect(log.deliveries.map((d) => [d.status, d.attempts, d.last_status_code])).toEqual([
        ['delivered', 1, 200],
        ['delivered', 1, 200],
        ['failed', 1, 500],
      ]);
      const dead = log.deliveries[2];
      expect(dead).toMatchObject({
        event_type: 'user.deleted',
        last_error: 'HTTP 500',
        response_excerpt: 'refused with 500',
        next_attempt_at: null,
        delivered_at: null,
      });
      expect((await admin.admin.webhooks.list()).endpoints[0]).toMatchObject({
        pending: 0,
        failed: 1,
      });

      const page = await admin.admin.webhooks.deliveries({ id: endpoint.id, limit: 2 });
      expect(page.deliveries).toHaveLength(2);
      const rest = await admin.admin.webhooks.deliveries({
        id: endpoint.id,
        limit: 2,
        before: page.next_before ?? '',
      });
      expect(rest.deliveries.map((d) => d.id)).toEqual([dead?.id]);
      expect(
        (await admin.admin.webhooks.deliveries({ id: endpoint.id, status: 'failed' })).deliveries,
      ).toHaveLength(1);

      const again = await admin.admin.webhooks.redeliver({
        id: endpoint.id,
        delivery_id: dead?.id ?? '',
      });
      expect(again.delivery).toMatchObject({ status: 'pending', attempts: 0 });
      await worker.drain();
      const redelivered = receiver.received.filter((r) => r.id === dead?.event_id);
      expect(redelivered.map((r) => [r.status, r.verified])).toEqual([
        [500, true],
        [200, true],
      ]);
      const audit = await own.db.prisma.auditEvent.findFirstOrThrow({
        where: { detail: { path: ['delivery_id'], equals: dead?.id ?? '' } },
        select: { actorId: true },
      });
      expect(audit.actorId).toBe((await admin.account.profile()).id);

      expect(
        (
          await failure(
            admin.admin.webhooks.redeliver({ id: endpoint.id, delivery_id: endpoint.id }),
          )
        ).code,
      ).toBe('not_found');
      expect(
        (await failure(admin.admin.webhooks.deliveries({ id: endpoint.id, before: 'x' }))).fields,
      ).toHaveProperty('before');
    });
  });

  it('a disabled endpoint gets no new events; what was queued waits for it', async () => {
    await withPrivateAllowed(async (own, admin) => {
      const { endpoint } = await admin.admin.webhooks.create({ url: receiver.url });
      const worker = createWebhookWorker({
        prisma: own.db.prisma,
        clock: systemClock,
        secrets: webhookSecretBox(own.config),
        allowPrivate: true,
      });
      const emit = (userId: string) =>
        own.db.prisma.$transaction((tx) =>
          emitEvent(tx, new Date(), { type: 'user.deleted', data: { user_id: userId } }),
        );
      await emit('queued-before');
      await admin.admin.webhooks.update({ id: endpoint.id, enabled: false });
      await emit('while-disabled');
      expect(await worker.drain()).toBe(0);
      await admin.admin.webhooks.update({ id: endpoint.id, enabled: true });
      expect(await worker.drain()).toBe(1);
      const log = await admin.admin.webhooks.deliveries({ id: endpoint.id });
      expect(log.deliveries.map((d) => d.status)).toEqual(['delivered']);
    });
  });
});

it('answers 404 for unknown ids and 400 for malformed ones', async () => {
  const unknown = '0190a0a0-0000-7000-8000-000000000000';
  expect(await failure(as.admin.webhooks.get({ id: unknown }))).toMatchObject({
    status: 'NOT_FOUND',
    code: 'not_found',
    message: 'No such webhook endpoint.',
  });
  expect((await failure(as.admin.webhooks.update({ id: unknown, enabled: true }))).code).toBe(
    'not_found',
  );
  expect((await failure(as.admin.webhooks.rotateSecret({ id: unknown }))).code).toBe('not_found');
  expect((await failure(as.admin.webhooks.deliveries({ id: unknown }))).code).toBe('not_found');
  expect((await failure(as.admin.webhooks.get({ id: 'nope' }))).fields).toEqual({
    id: ['Enter a valid endpoint id.'],
  });
});
