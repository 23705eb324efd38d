// Delivers webhook events (ADR 160): at least once, signed, in order per endpoint, with
// backoff and a dead letter. Any number of instances may run it on one database.
import type { PrismaClient } from '@otp-auth/db';
import type { Clock } from '../clock';
import type { SecretBox } from '../crypto/secret-box';
import { createDrainLoop } from '../outbox/drain-loop';
import { retryDelayMs } from '../outbox/retry-delay';
import { sendWebhook, type WebhookAnswer } from './send';
import { webhookHeaders } from './signing';
import type { Resolver } from './target';

/** The defaults: an endpoint may be down for hours (4.2 h at least, up to 8.4 h with the
 * jitter) before an event is given up. README "Webhooks" lists them. */
export const webhookDeliveryDefaults = {
  maxAttempts: 18,
  retryBaseMs: 5_000,
  retryMaxMs: 3_600_000,
  timeoutMs: 10_000,
};

export interface WebhookWorkerOptions {
  prisma: PrismaClient;
  clock: Clock;
  /** Opens the endpoints' sealed secrets (`webhookSecretBox`). */
  secrets: SecretBox;
  /** WEBHOOK_ALLOW_PRIVATE: private and loopback targets allowed (tests, development). */
  allowPrivate: boolean;
  resolve?: Resolver;
  /** Attempts before a delivery is `failed` (the dead letter). */
  maxAttempts?: number;
  /** The first retry's delay; doubled each time, with jitter, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long one request may take, resolving its host included. */
  timeoutMs?: number;
  /** How long a claimed delivery stays reserved; longer than a request can take, so that no
   * other worker sends it while this one still may. Default: twice `timeoutMs`. */
  leaseMs?: number;
  /** Endpoints served per pass (each gets at most one request in flight). */
  batchSize?: number;
  pollIntervalMs?: number;
  userAgent?: string;
  random?: () => number;
  onError?: (error: unknown, context: DeliveryFailure) => void;
}

interface DeliveryFailure {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  final: boolean;
}

interface ClaimedDelivery {
  id: string;
  endpointId: string;
  attempts: number;
  eventId: string;
  type: string;
  data: unknown;
  occurredAt: Date;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

type Outcome =
  { ok: true; answer: WebhookAnswer } | { ok: false; answer?: WebhookAnswer; error: string };

export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { prisma, clock } = options;
  const maxAttempts = options.maxAttempts ?? webhookDeliveryDefaults.maxAttempts;
  const retryBaseMs = options.retryBaseMs ?? webhookDeliveryDefaults.retryBaseMs;
  const retryMaxMs = options.retryMaxMs ?? webhookDeliveryDefaults.retryMaxMs;
  const timeoutMs = options.timeoutMs ?? webhookDeliveryDefaults.timeoutMs;
  const leaseMs = options.leaseMs ?? 2 * timeoutMs;
  const batchSize = options.batchSize ?? 20;
  const policy = { allowPrivate: options.allowPrivate, resolve: options.resolve };

  /**
   * Claims the head of each enabled endpoint's queue (its oldest delivery not yet delivered or
   * given up) when that head is due and nothing of the endpoint is in flight. A claim is a
   * lease: `sending` until `next_attempt_at`, after which any worker may take it over. The row
   * locks are taken with SKIP LOCKED and the due condition is checked again on the locked row,
   * so two workers never claim one delivery, nor two deliveries of one endpoint.
   */
  async function claim(): Promise<ClaimedDelivery[]> {
    const now = clock.now();
    const lease = new Date(now.getTime() + leaseMs);
    return prisma.$queryRaw<ClaimedDelivery[]>`
      WITH heads AS (
        SELECT head.id
        FROM webhook_endpoints endpoint
        CROSS JOIN LATERAL (
          SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
          WHERE d.endpoint_id = endpoint.id AND d.status IN ('pending', 'sending')
          ORDER BY d.seq LIMIT 1
        ) head
        WHERE endpoint.enabled AND head.next_attempt_at <= ${now}
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries busy
            WHERE busy.endpoint_id = endpoint.id AND busy.status = 'sending'
              AND busy.next_attempt_at > ${now})
        LIMIT ${batchSize}
      ), claimed AS (
        SELECT d.id FROM webhook_deliveries d
        WHERE d.id IN (SELECT id FROM heads)
          AND d.status IN ('pending', 'sending') AND d.next_attempt_at <= ${now}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE webhook_deliveries d
      SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${lease},
          last_attempt_at = ${now}
      FROM claimed, webhook_events event, webhook_endpoints endpoint
      WHERE d.id = claimed.id AND event.id = d.event_id AND endpoint.id = d.endpoint_id
      RETURNING d.id::text AS id, d.endpoint_id::text AS "endpointId", d.attempts,
        event.id::text AS "eventId", event.type, event.data, event.occurred_at AS "occurredAt",
        endpoint.url, endpoint.secret_sealed AS "secretSealed",
        endpoint.previous_secret_sealed AS "previousSecretSealed",
        endpoint.previous_secret_expires_at AS "previousSecretExpiresAt"`;
  }

  /** The secrets that sign now: the current one, and the previous one during its grace. */
  function signingSecrets(delivery: ClaimedDelivery, now: Date): string[] {
    const secrets = [options.secrets.open(delivery.secretSealed)];
    const previous = delivery.previousSecretSealed;
    const until = delivery.previousSecretExpiresAt;
    if (previous && until && new Date(until) > now) secrets.push(options.secrets.open(previous));
    return secrets;
  }

  async function attempt(delivery: ClaimedDelivery): Promise<Outcome> {
    try {
      const sentAt = clock.now();
      const body = JSON.stringify({
        type: delivery.type,
        timestamp: new Date(delivery.occurredAt).toISOString(),
        data: delivery.data,
      });
      const answer = await sendWebhook({
        url: delivery.url,
        headers: {
          ...webhookHeaders({
            id: delivery.eventId,
            sentAt,
            body,
            secrets: signingSecrets(delivery, sentAt),
          }),
          'user-agent': options.userAgent ?? 'otp-auth-webhooks',
        },
        body,
        timeoutMs,
        policy,
      });
      if (answer.status >= 200 && answer.status < 300) return { ok: true, answer };
      const redirect = answer.status >= 300 && answer.status < 400;
      const error = redirect
        ? `HTTP ${String(answer.status)}: redirects are not followed`
        : `HTTP ${String(answer.status)}`;
      return { ok: false, answer, error };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : 'unknown error' };
    }
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const outcome = await attempt(delivery);
    const now = clock.now();
    // Only the claim this worker holds: a lease lost to another worker leaves its row alone.
    const claimed = { id: delivery.id, status: 'sending' as const, attempts: delivery.attempts };
    const answered = {
      lastStatusCode: outcome.answer?.status ?? null,
      responseExcerpt: outcome.answer?.excerpt ?? null,
    };
    if (outcome.ok) {
      await prisma.webhookDelivery.updateMany({
        where: claimed,
        data: {
          status: 'delivered',
          deliveredAt: now,
          nextAttemptAt: now,
          lastError: null,
          ...answered,
        },
      });
      return;
    }
    const final = delivery.attempts >= maxAttempts;
    const delay = retryDelayMs(delivery.attempts, retryBaseMs, retryMaxMs, options.random);
    options.onError?.(new Error(outcome.error), {
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attempt: delivery.attempts,
      final,
    });
    await prisma.webhookDelivery.updateMany({
      where: claimed,
      data: {
        status: final ? 'failed' : 'pending',
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: outcome.error.slice(0, 500),
        ...answered,
      },
    });
  }

  return createDrainLoop({
    async pass(keepGoing) {
      let worked = 0;
      while (keepGoing()) {
        const batch = await claim();
        if (batch.length === 0) return worked;
        // One delivery per endpoint per batch: parallel across endpoints, in order within one.
        await Promise.all(batch.map(deliver));
        worked += batch.length;
      }
      return worked;
    },
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    onError: (error) =>
      options.onError?.(error, { deliveryId: '', endpointId: '', attempt: 0, final: false }),
  });
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
