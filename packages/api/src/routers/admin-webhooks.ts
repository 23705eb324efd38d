import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhook,
} from '@otp-auth/auth';
import {
  createWebhookInput,
  messageOutput,
  redeliverWebhookInput,
  redeliverWebhookOutput,
  updateWebhookInput,
  webhookDeliveriesInput,
  webhookDeliveriesOutput,
  webhookEndpointOutput,
  webhookEndpointsOutput,
  webhookIdInput,
  webhookSecretOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { adminOperation } from '../meta';
import { adminProcedure } from '../trpc';

/** Webhook endpoints (ADR 160): `admin.webhooks.*`, REST under /api/admin/webhooks/. */
export const adminWebhooksRouter = {
  list: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/webhooks/',
        operationId: 'admin.webhooks.list',
        summary: 'List the webhook endpoints',
        description: 'Oldest first, with how many deliveries wait and how many were given up.',
      }),
    })
    .output(webhookEndpointsOutput)
    .query(({ ctx }) => listWebhooks(ctx.auth)),

  create: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/webhooks/',
        operationId: 'admin.webhooks.create',
        summary: 'Add a webhook endpoint',
        description:
          'Answers the signing secret (`whsec_…`) this once. A URL whose host is private, ' +
          'loopback, link-local, … or does not resolve is refused (400 `webhook_url_refused`) ' +
          'unless the server runs with WEBHOOK_ALLOW_PRIVATE=true.',
      }),
      successStatus: 201,
    })
    .input(createWebhookInput)
    .output(webhookSecretOutput)
    .mutation(({ ctx, input }) => createWebhook(ctx.auth, ctx.user, input, ctx.meta)),

  get: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/webhooks/{id}/',
        operationId: 'admin.webhooks.get',
        summary: 'One webhook endpoint',
        errorResponses: [404],
      }),
    })
    .input(webhookIdInput)
    .output(webhookEndpointOutput)
    .query(({ ctx, input }) => getWebhook(ctx.auth, input)),

  update: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'PATCH',
        path: '/api/admin/webhooks/{id}/',
        operationId: 'admin.webhooks.update',
        summary: 'Change, disable or enable a webhook endpoint',
        description:
          'Any of `url`, `events`, `description`, `enabled`. A disabled endpoint gets no new ' +
          'events; those already queued for it wait until it is enabled again.',
        errorResponses: [404],
      }),
    })
    .input(updateWebhookInput)
    .output(webhookEndpointOutput)
    .mutation(({ ctx, input }) => updateWebhook(ctx.auth, ctx.user, input, ctx.meta)),

  delete: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'DELETE',
        path: '/api/admin/webhooks/{id}/',
        operationId: 'admin.webhooks.delete',
        summary: 'Delete a webhook endpoint and its deliveries',
        errorResponses: [404],
      }),
    })
    .input(webhookIdInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.auth, ctx.user, input, ctx.meta)),

  rotateSecret: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/webhooks/{id}/rotate-secret/',
        operationId: 'admin.webhooks.rotateSecret',
        summary: 'Make a new signing secret',
        description:
          'Answers the new secret this once. The previous one keeps signing too (a second ' +
          '`v1,` signature) for WEBHOOK_SECRET_GRACE_SECONDS, while the receiver switches.',
        errorResponses: [404],
      }),
    })
    .input(webhookIdInput)
    .output(webhookSecretOutput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.auth, ctx.user, input, ctx.meta)),

  deliveries: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'GET',
        path: '/api/admin/webhooks/{id}/deliveries/',
        operationId: 'admin.webhooks.deliveries',
        summary: "An endpoint's delivery log",
        description: 'Newest first, with status, attempts, last error and response code.',
        errorResponses: [404],
      }),
    })
    .input(webhookDeliveriesInput)
    .output(webhookDeliveriesOutput)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.auth, input)),

  redeliver: adminProcedure
    .meta({
      openapi: adminOperation({
        method: 'POST',
        path: '/api/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver/',
        operationId: 'admin.webhooks.redeliver',
        summary: 'Send a delivery again',
        description:
          'With the same `webhook-id` (receivers deduplicate on it), before the endpoint’s ' +
          'later events. A delivered or failed one starts over; a pending one is tried now.',
        errorResponses: [404],
      }),
    })
    .input(redeliverWebhookInput)
    .output(redeliverWebhookOutput)
    .mutation(({ ctx, input }) => redeliverWebhook(ctx.auth, ctx.user, input, ctx.meta)),
} satisfies TRPCRouterRecord;
