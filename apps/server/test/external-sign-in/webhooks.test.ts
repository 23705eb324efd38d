// Sign-in providers emit account events like the other ways in: an account made through the
// real issuer arrives as user.created, user.verified and identity.linked, its sign-in as
// session.created, and linking and unlinking from the account page as identity events, each
// signed so that `standardwebhooks` accepts it.
import { setRoleByEmail } from '@otp-auth/auth';
import { startWebhookReceiver, type WebhookReceiver } from '@otp-auth/auth/testing';
import { webhookEventSchema, type WebhookEvent } from '@otp-auth/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, mutate, PASSWORD, signUp } from '../hostile/http';
import { startTestServer, type TestServer } from '../support';
import type { IdentityProvider } from '../../src/dev/identity-provider';
import { ScriptedBrowser } from './browser';
import { plannedIssuer } from './issuer';

let server: TestServer;
let issuer: IdentityProvider;
let receiver: WebhookReceiver;

beforeAll(async () => {
  const planned = await plannedIssuer();
  server = await startTestServer(planned.env);
  issuer = await planned.start(server.url);
  receiver = await startWebhookReceiver();
  const admin = await signUp(server, 'hooks-admin');
  await setRoleByEmail(server.app.auth, admin.email, 'admin');
  const tokens = dataOf(
    await mutate(server, 'auth.login', { email: admin.email, password: PASSWORD }),
  ) as { access: string };
  const created = dataOf(
    await mutate(
      server,
      'admin.webhooks.create',
      {
        url: receiver.url,
        events: [
          'user.created',
          'user.verified',
          'session.created',
          'identity.linked',
          'identity.unlinked',
        ],
      },
      { token: tokens.access },
    ),
  ) as { secret: string };
  receiver.trust(created.secret);
});
afterAll(async () => {
  await receiver.close();
  await issuer.close();
  await server.close();
});

/** The verified events about one account, in the order they arrived. */
function eventsOf(userId: string): WebhookEvent[] {
  return receiver.received
    .filter((r) => r.verified)
    .map((r) => webhookEventSchema.parse(r.payload))
    .filter((event) => event.data.user_id === userId);
}

const typesOf = (userId: string) => eventsOf(userId).map((event) => event.type);

describe('webhooks from sign-in providers', () => {
  it('an account made through a provider: created, verified, linked, then its session', async () => {
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/dev/start`, server.url, 'grace');
    expect((await browser.request(callback)).status).toBe(302);
    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'grace@example.com' },
    });
    const expected = ['user.created', 'user.verified', 'identity.linked', 'session.created'];
    await receiver.until(() => typesOf(user.id).length >= expected.length);
    expect(typesOf(user.id)).toEqual(expected);
    expect(eventsOf(user.id)[2]?.data).toEqual({ user_id: user.id, provider: 'dev' });
  });

  it('linking and unlinking from the account page', async () => {
    const local = await signUp(server, 'lovelace');
    const token = local.tokens.access;
    const userId = (
      await server.app.db.prisma.user.findUniqueOrThrow({ where: { email: local.email } })
    ).id;
    const browser = new ScriptedBrowser();
    const started = await browser.request(`${server.url}/api/oidc/link/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'dev', password: local.password }),
    });
    const { authorization_url } = JSON.parse(started.body) as { authorization_url: string };
    await browser.request(await browser.walk(authorization_url, server.url, 'mary'));
    dataOf(
      await mutate(server, 'oidc.unlink', { provider: 'dev', password: local.password }, { token }),
    );

    await receiver.until(() => typesOf(userId).includes('identity.unlinked'));
    expect(typesOf(userId).filter((type) => type.startsWith('identity.'))).toEqual([
      'identity.linked',
      'identity.unlinked',
    ]);
    expect(eventsOf(userId).at(-1)?.data).toEqual({ user_id: userId, provider: 'dev' });
  });
});
