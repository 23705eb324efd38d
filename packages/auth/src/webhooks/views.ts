import type {
  WebhookDeliveryOutput,
  WebhookEndpointOutput,
  WebhookEventType,
} from '@otp-auth/validators';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The columns an admin sees of an endpoint: never its secrets. */
export const endpointSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toEndpointOutput(
  row: EndpointRow,
  counts: { pending: number; failed: number },
  now: Date,
): WebhookEndpointOutput {
  const grace = row.previousSecretExpiresAt;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    // Written only through the validators' event field.
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    previous_secret_expires_at: grace && grace > now ? grace.toISOString() : null,
    pending: counts.pending,
    failed: counts.failed,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const deliverySelect = {
  id: true,
  seq: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  responseExcerpt: true,
  deliveredAt: true,
  event: { select: { id: true, type: true, occurredAt: true } },
} as const;

export interface DeliveryRow {
  id: string;
  status: WebhookDeliveryOutput['status'];
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  deliveredAt: Date | null;
  event: { id: string; type: string; occurredAt: Date };
}

export function toDeliveryOutput(row: DeliveryRow): WebhookDeliveryOutput {
  const waiting = row.status === 'pending' || row.status === 'sending';
  return {
    id: row.id,
    event_id: row.event.id,
    event_type: row.event.type as WebhookEventType,
    occurred_at: row.event.occurredAt.toISOString(),
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: waiting ? row.nextAttemptAt.toISOString() : null,
    last_attempt_at: iso(row.lastAttemptAt),
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    response_excerpt: row.responseExcerpt,
    delivered_at: iso(row.deliveredAt),
  };
}
