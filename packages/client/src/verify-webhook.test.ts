// verifyWebhook against messages signed by the `standardwebhooks` package (another
// implementation of the same specification), and by hand where it cannot sign (two secrets).
import type { WebhookEvent as ServerWebhookEvent } from '@otp-auth/validators';
import { Webhook } from 'standardwebhooks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { WebhookEvent } from './webhook-events';
import { verifyWebhook, WebhookVerificationError } from './verify-webhook';

const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
const rotated = `whsec_${Buffer.from('the secret that replaced the old').toString('base64')}`;
const sentAt = new Date('2026-03-01T12:00:00Z');
const now = () => sentAt;
const event: WebhookEvent = {
  type: 'user.created',
  timestamp: sentAt.toISOString(),
  data: { user_id: 'u1', email: 'ada@example.com', username: 'ada' },
};
const body = JSON.stringify(event);

function signed(payload: string, secrets: string[], at = sentAt) {
  return {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign('msg_1', at, payload)).join(' '),
  };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).code;
}

describe('verifyWebhook', () => {
  it('answers the typed event of a correctly signed message', async () => {
    const verified = await verifyWebhook(body, signed(body, [secret]), { secret, now });
    expect(verified).toEqual(event);
    if (verified.type === 'user.created') expectTypeOf(verified.data.username).toBeString();
  });

  it('reads Fetch Headers as well as Node header objects', async () => {
    const headers = new Headers(signed(body, [secret]));
    expect((await verifyWebhook(body, headers, { secret, now })).type).toBe('user.created');
  });

  it('refuses a tampered body', async () => {
    const headers = signed(body, [secret]);
    const tampered = body.replace('ada@example.com', 'eve@example.com');
    expect(await refusal(verifyWebhook(tampered, headers, { secret, now }))).toBe(
      'invalid_signature',
    );
  });

  it('refuses the wrong secret', async () => {
    expect(await refusal(verifyWebhook(body, signed(body, [rotated]), { secret, now }))).toBe(
      'invalid_signature',
    );
  });

  it('refuses an old timestamp (a replay), and one too far ahead, even correctly signed', async () => {
    const old = new Date(sentAt.getTime() - 6 * 60_000);
    expect(await refusal(verifyWebhook(body, signed(body, [secret], old), { secret, now }))).toBe(
      'timestamp_out_of_tolerance',
    );
    const ahead = new Date(sentAt.getTime() + 6 * 60_000);
    expect(await refusal(verifyWebhook(body, signed(body, [secret], ahead), { secret, now }))).toBe(
      'timestamp_out_of_tolerance',
    );
    // Within a wider tolerance it passes.
    const wide = { secret, now, toleranceSeconds: 600 };
    expect((await verifyWebhook(body, signed(body, [secret], old), wide)).type).toBe(
      'user.created',
    );
  });

  it('during a rotation: two v1 signatures, and a receiver that knows either secret accepts', async () => {
    const headers = signed(body, [secret, rotated]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const known of [secret, rotated, [rotated, secret]]) {
      expect((await verifyWebhook(body, headers, { secret: known, now })).type).toBe(
        'user.created',
      );
    }
    // A receiver that already moved on accepts messages signed with the new secret only.
    const onlyNew = signed(body, [rotated]);
    expect(await refusal(verifyWebhook(body, onlyNew, { secret, now }))).toBe('invalid_signature');
    expect((await verifyWebhook(body, onlyNew, { secret: [secret, rotated], now })).type).toBe(
      'user.created',
    );
  });

  it('refuses missing headers and a signed body that is no event', async () => {
    expect(await refusal(verifyWebhook(body, {}, { secret, now }))).toBe('missing_headers');
    const notAnEvent = '{"hello":"world"}';
    expect(
      await refusal(verifyWebhook(notAnEvent, signed(notAnEvent, [secret]), { secret, now })),
    ).toBe('invalid_payload');
  });

  it('its event types are the server’s, field for field', () => {
    expectTypeOf<WebhookEvent>().toEqualTypeOf<ServerWebhookEvent>();
  });
});
