// Our signatures against the reference: the `standardwebhooks` package verifies what we sign,
// and we sign exactly what it signs.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, webhookHeaders, webhookSignature } from './signing';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({
    type: 'user.created',
    timestamp: '2026-01-01T00:00:00.000Z',
    data: {},
  });

  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs as the reference library does', () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-03-04T05:06:07.890Z');
    expect(webhookSignature(secret, 'msg_1', Math.floor(at.getTime() / 1000), body)).toBe(
      new Webhook(secret).sign('msg_1', at, body),
    );
  });

  it('is verified by the reference library, with either secret during a rotation', () => {
    const [older, newer, stranger] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders({
      id: 'evt-1',
      sentAt: new Date(),
      body,
      secrets: [newer, older],
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(newer).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(older).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(stranger).verify(body, headers)).toThrow('No matching signature');
    expect(() => new Webhook(newer).verify(`${body} `, headers)).toThrow('No matching signature');
  });
});
