// Schemas of the admin API for webhook endpoints (`admin.webhooks.*`, REST under
// /api/admin/webhooks/).
import { z } from 'zod';
import * as ex from './webhook-examples';
import { webhookEventTypes } from './webhook-events';

const WEBHOOK_URL_MAX_LENGTH = 2000;

/** Where events are POSTed: http(s) only, no credentials in it, no fragment. Whether its host
 * may be reached (no private or loopback address) is the server's check, after DNS. */
const webhookUrlField = z
  .string({ error: 'Enter the URL events are sent to.' })
  .trim()
  .min(1, 'Enter the URL events are sent to.')
  .max(WEBHOOK_URL_MAX_LENGTH, `At most ${WEBHOOK_URL_MAX_LENGTH} characters.`)
  // Checks and normalising that keep the type a string (not a transform): the OpenAPI document
  // keeps this input's examples.
  .superRefine((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url) {
      ctx.addIssue({ code: 'custom', message: 'Enter a full http:// or https:// URL.' });
    } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'Only http:// and https:// URLs are allowed.' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the URL.' });
    } else if (url.hash) {
      ctx.addIssue({ code: 'custom', message: 'Leave the #fragment out of the URL.' });
    }
  })
  .overwrite((value) => (URL.canParse(value) ? new URL(value).href : value))
  .describe('An http(s) URL; private and loopback addresses are refused.');

const webhookEventTypeField = z.enum(webhookEventTypes, {
  error: 'Not an event type.',
});

/** The event types an endpoint receives; empty means every type (new ones included). */
const webhookEventsField = z
  .array(webhookEventTypeField)
  .max(webhookEventTypes.length)
  .overwrite((types) => [...new Set(types)])
  .describe('Event types to receive; empty (the default) for every type.');

const descriptionField = z
  .string()
  .trim()
  .max(200, 'At most 200 characters.')
  .describe('A note for admins: what the endpoint is for.');

const webhookIdField = z.uuid('Enter a valid endpoint id.');
const webhookDeliveryIdField = z.uuid('Enter a valid delivery id.');

const webhookDeliveryStatuses = ['pending', 'sending', 'delivered', 'failed'] as const;
const webhookDeliveryStatusField = z.enum(webhookDeliveryStatuses, {
  error: 'Choose "pending", "sending", "delivered" or "failed".',
});

export const webhookEndpointOutput = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(webhookEventTypeField).describe('Empty: every event type.'),
    enabled: z.boolean().describe('A disabled endpoint gets no new events; its queue waits.'),
    previous_secret_expires_at: z
      .string()
      .nullable()
      .describe('After a rotation, until when the previous secret signs too (ISO 8601).'),
    pending: z.number().int().describe('Deliveries waiting or in flight.'),
    failed: z.number().int().describe('Deliveries given up after the last attempt.'),
    created_at: z.string().describe('ISO 8601 timestamp.'),
    updated_at: z.string().describe('ISO 8601 timestamp.'),
  })
  .meta({ examples: [ex.webhookEndpoint] });
export type WebhookEndpointOutput = z.infer<typeof webhookEndpointOutput>;

export const webhookEndpointsOutput = z
  .object({ endpoints: z.array(webhookEndpointOutput) })
  .meta({ examples: [{ endpoints: [ex.webhookEndpoint] }] });
export type WebhookEndpointsOutput = z.infer<typeof webhookEndpointsOutput>;

export const createWebhookInput = z
  .object({
    url: webhookUrlField,
    events: webhookEventsField.default([]),
    description: descriptionField.default(''),
  })
  .meta({
    examples: [
      {
        url: ex.webhookEndpoint.url,
        events: ex.webhookEndpoint.events,
        description: ex.webhookEndpoint.description,
      },
    ],
  });
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

/** A new secret: shown in this answer only, never again. */
export const webhookSecretOutput = z
  .object({
    message: z.string(),
    endpoint: webhookEndpointOutput,
    secret: z
      .string()
      .describe('The signing secret (`whsec_…`), shown this once: keep it in the receiver.'),
  })
  .meta({
    examples: [
      {
        message: 'Endpoint created. Keep the secret now: it is not shown again.',
        endpoint: ex.webhookEndpoint,
        secret: ex.webhookSecret,
      },
    ],
  });
export type WebhookSecretOutput = z.infer<typeof webhookSecretOutput>;

export const webhookIdInput = z.object({ id: webhookIdField });
export type WebhookIdInput = z.infer<typeof webhookIdInput>;

export const updateWebhookInput = z
  .object({
    id: webhookIdField,
    url: webhookUrlField.optional(),
    events: webhookEventsField.optional(),
    description: descriptionField.optional(),
    enabled: z.boolean({ error: 'Enter true or false.' }).optional(),
  })
  .meta({ examples: [{ id: ex.webhookEndpoint.id, enabled: false }] });
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const webhookDeliveriesInput = z.object({
  id: webhookIdField,
  status: webhookDeliveryStatusField.optional(),
  limit: z.coerce
    .number({ error: 'Enter a number from 1 to 100.' })
    .int('Enter a number from 1 to 100.')
    .min(1, 'Enter a number from 1 to 100.')
    .max(100, 'Enter a number from 1 to 100.')
    .optional()
    .describe('At most this many, newest first (default 50).'),
  before: z
    .string()
    .regex(/^\d{1,19}$/, 'Use the `next_before` of the previous page.')
    .optional()
    .describe('The `next_before` of the previous page.'),
});
export type WebhookDeliveriesInput = z.infer<typeof webhookDeliveriesInput>;

const webhookDeliveryOutput = z.object({
  id: z.string(),
  event_id: z.string().describe('The `webhook-id` every attempt of this event carries.'),
  event_type: webhookEventTypeField,
  occurred_at: z.string().describe('ISO 8601 timestamp of the event.'),
  status: webhookDeliveryStatusField,
  attempts: z.number().int(),
  next_attempt_at: z
    .string()
    .nullable()
    .describe('When it is tried next (pending), or its claim ends (sending).'),
  last_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable().describe('The HTTP status of the last answer.'),
  last_error: z.string().nullable(),
  response_excerpt: z.string().nullable().describe('The start of the last answer, cut short.'),
  delivered_at: z.string().nullable(),
});
export type WebhookDeliveryOutput = z.infer<typeof webhookDeliveryOutput>;

export const webhookDeliveriesOutput = z
  .object({
    deliveries: z.array(webhookDeliveryOutput),
    next_before: z
      .string()
      .nullable()
      .describe('Pass as `before` for the next page; null at the end.'),
  })
  .meta({ examples: [{ deliveries: [ex.webhookDelivery], next_before: null }] });
export type WebhookDeliveriesOutput = z.infer<typeof webhookDeliveriesOutput>;

export const redeliverWebhookInput = z.object({
  id: webhookIdField,
  delivery_id: webhookDeliveryIdField,
});
export type RedeliverWebhookInput = z.infer<typeof redeliverWebhookInput>;

export const redeliverWebhookOutput = z
  .object({
    message: z.string(),
    delivery: webhookDeliveryOutput,
  })
  .meta({
    examples: [
      {
        message: 'Queued: it is sent again shortly, with the same webhook-id.',
        delivery: {
          ...ex.webhookDelivery,
          status: 'pending',
          attempts: 0,
          next_attempt_at: '2026-12-04T19:00:00.000Z',
        },
      },
    ],
  });
export type RedeliverWebhookOutput = z.infer<typeof redeliverWebhookOutput>;
