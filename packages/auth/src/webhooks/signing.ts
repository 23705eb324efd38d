// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
// `<webhook-id>.<webhook-timestamp>.<body>` with the secret's bytes, base64, as `v1,<signature>`.
// Several secrets (during a rotation) give several signatures, separated by spaces: a receiver
// accepts the message when any one of them matches a secret it knows.
import { createHmac, randomBytes } from 'node:crypto';
import type { AuthConfig } from '../config';
import { createSecretBox, type SecretBox } from '../crypto/secret-box';

const PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, as `whsec_<base64>`. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}

export function webhookSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`);
  return `v1,${mac.digest('base64')}`;
}

/** The three Standard Webhooks headers of one attempt, signed with every secret given. */
export function webhookHeaders(message: {
  id: string;
  sentAt: Date;
  body: string;
  secrets: readonly string[];
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = Math.floor(message.sentAt.getTime() / 1000);
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': message.secrets
      .map((secret) => webhookSignature(secret, message.id, timestamp, message.body))
      .join(' '),
  };
}

/** Endpoint secrets are sealed in the database: the server must read them back to sign. */
export function webhookSecretBox(config: Pick<AuthConfig, 'otpSecret'>): SecretBox {
  return createSecretBox(config.otpSecret, 'webhook-secrets');
}
