import type { Prisma } from '@otp-auth/db';
import type { WebhookEventInput } from '@otp-auth/validators';
import { uuidv7 } from '../sessions/statements';

/**
 * Writes account events in the caller's transaction (ADR 160): they are delivered if and only
 * if the change commits. One statement: each event that some enabled endpoint subscribes to is
 * stored once, with one delivery row per such endpoint, in the order given; an event nobody
 * subscribes to writes nothing. The deliveries' insert wakes every instance's worker at commit.
 */
export async function emitEvent(
  tx: Prisma.TransactionClient,
  now: Date,
  ...events: WebhookEventInput[]
): Promise<void> {
  if (events.length === 0) return;
  const ids = events.map(() => uuidv7(now.getTime()));
  const types = events.map((event) => event.type);
  const data = events.map((event) => JSON.stringify(event.data));
  await tx.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(${ids}::uuid[], ${types}::text[], ${data}::text[])
        WITH ORDINALITY AS t(id, type, data, position)
    ), subscribed AS (
      SELECT input.id AS event_id, input.position, endpoint.id AS endpoint_id
      FROM input JOIN webhook_endpoints endpoint
        ON endpoint.enabled AND (endpoint.events = '{}' OR input.type = ANY(endpoint.events))
    ), stored AS (
      INSERT INTO webhook_events (id, type, data, occurred_at)
      SELECT id, type, data::json, ${now} FROM input
      WHERE id IN (SELECT event_id FROM subscribed)
    )
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt_at, created_at)
    SELECT event_id, endpoint_id, ${now}, ${now} FROM subscribed
    ORDER BY position, endpoint_id`;
}
