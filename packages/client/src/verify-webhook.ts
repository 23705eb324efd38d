// Verifies a webhook as the Standard Webhooks specification says: the HMAC-SHA256 of
// `${webhook-id}.${webhook-timestamp}.${body}` under the endpoint's `whsec_` secret, any of the
// space-separated `v1,` signatures matching (during a rotation the sender signs with the old
// and the new secret), and a timestamp within the tolerance either side of now (replay guard).
// Web Crypto only, so it runs in Node 20+, edge runtimes and Deno alike.
import type { WebhookEvent } from './webhook-events.js';

export type WebhookVerificationErrorCode =
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent. */
  | 'missing_headers'
  /** The timestamp is not a number, or further from now than the tolerance (a replay). */
  | 'timestamp_out_of_tolerance'
  /** No `v1` signature matches any of the secrets: tampered body or wrong secret. */
  | 'invalid_signature'
  /** Signed correctly, but not an event this library knows the shape of. */
  | 'invalid_payload';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookVerificationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Headers as Fetch (`Headers`) or Node's `IncomingMessage.headers` give them. */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

export interface VerifyWebhookOptions {
  /** The endpoint's secret (`whsec_…`), or several while you move to a rotated one. */
  secret: string | readonly string[];
  /** How far the timestamp may be from now, in seconds (default 300, as the specification). */
  toleranceSeconds?: number;
  /** Now, for tests. */
  now?: () => Date;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : value?.[0];
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  const raw = base64Bytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  if (!raw) throw new TypeError('The webhook secret is not base64 (expected whsec_…).');
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function isEvent(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event.type === 'string' &&
    typeof event.timestamp === 'string' &&
    typeof event.data === 'object' &&
    event.data !== null
  );
}

/**
 * Checks a webhook from otp-auth and answers its event, typed by `type`. Pass the body exactly
 * as received (the raw text, before any JSON parsing). Throws a `WebhookVerificationError`
 * otherwise; answer 2xx only once the event is handled, and treat `webhook-id` (the same on
 * every retry) as the idempotency key: delivery is at least once.
 */
export async function verifyWebhook(
  body: string,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions,
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing_headers', 'Webhook headers are missing.');
  }
  const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
  const now = (options.now?.() ?? new Date()).getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? 300;
  if (!Number.isFinite(seconds) || Math.abs(now - seconds) > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      'The webhook timestamp is too old or too far ahead.',
    );
  }

  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  const candidates = signatures
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => base64Bytes(part.slice(3)))
    .filter((bytes) => bytes !== null);
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let matched = false;
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const signature of candidates) {
      // crypto.subtle.verify compares in constant time.
      if (await crypto.subtle.verify('HMAC', key, signature, signed)) matched = true;
    }
  }
  if (!matched) {
    throw new WebhookVerificationError('invalid_signature', 'The webhook signature is invalid.');
  }

  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    payload = null;
  }
  if (!isEvent(payload)) {
    throw new WebhookVerificationError('invalid_payload', 'The webhook body is not an event.');
  }
  return payload;
}
