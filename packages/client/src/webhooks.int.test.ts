// The README's receiver (webhook-receiver.example.ts, verifying with verifyWebhook) against the
// live server, with the endpoint managed through the typed client's admin methods.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, mutate, PASSWORD, signUp } from '../../../apps/server/test/hostile/http';
import { startTestServer, type TestServer } from '../../../apps/server/test/support';
import { createAuthClient, type WebhookEvent } from './index';
import { createWebhookReceiver } from './webhook-receiver.example';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('webhooks through the typed client', () => {
  it('the README receiver verifies and handles each event once; the admin methods manage the endpoint', async () => {
    const admin = await signUp(server, 'client-admin');
    await server.app.db.prisma.user.update({
      where: { email: admin.email },
      data: { role: 'admin' },
    });
    const client = createAuthClient({ url: server.url });
    await client.login({ email: admin.email, password: PASSWORD });

    const handled: WebhookEvent[] = [];
    // Read on every request: the receiver learns its secret once the endpoint exists.
    const secrets: string[] = [];
    const receiver = createWebhookReceiver(secrets, async (event) => {
      handled.push(event);
      await Promise.resolve();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hooks`;
    try {
      const created = await client.webhooks.create({ url, events: ['user.created'] });
      expect(created.secret).toMatch(/^whsec_/);
      secrets.push(created.secret); // shown once

      dataOf(
        await mutate(server, 'auth.register', {
          email: 'hooked@example.com',
          username: 'hooked',
          phone_number: '1234567890',
          password: PASSWORD,
        }),
      );
      await expect.poll(() => handled.length, { timeout: 20_000 }).toBe(1);
      expect(handled[0]).toMatchObject({
        type: 'user.created',
        data: { email: 'hooked@example.com', username: 'hooked' },
      });

      const id = created.endpoint.id;
      const { deliveries } = await client.webhooks.deliveries({ id });
      expect(deliveries).toMatchObject([{ status: 'delivered', last_status_code: 204 }]);
      // A redelivery carries the same webhook-id: the receiver answers 2xx, handles nothing twice.
      await client.webhooks.redeliver({ id, delivery_id: deliveries[0]?.id ?? '' });
      const first = deliveries[0]?.delivered_at;
      await expect
        .poll(
          async () => {
            const [again] = (await client.webhooks.deliveries({ id })).deliveries;
            return again?.status === 'delivered' && again.delivered_at !== first;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect(handled).toHaveLength(1);

      // Rotated: the receiver that still knows only the old secret accepts during the grace.
      const rotated = await client.webhooks.rotateSecret({ id });
      expect(rotated.secret).not.toBe(created.secret);
      expect((await client.webhooks.list()).endpoints.map((e) => e.id)).toEqual([id]);
      expect(await client.webhooks.update({ id, enabled: false })).toMatchObject({
        enabled: false,
      });
      await client.webhooks.delete({ id });
      expect(await client.webhooks.list()).toMatchObject({ endpoints: [] });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('the README shows this receiver as it is tested', async () => {
    const example = await readFile(
      new URL('./webhook-receiver.example.ts', import.meta.url),
      'utf8',
    );
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(example.trim());
  });
});
