// An endpoint's delivery log and "redeliver" (ADR 160).
import type {
  RedeliverWebhookInput,
  RedeliverWebhookOutput,
  WebhookDeliveriesInput,
  WebhookDeliveriesOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { deliveryNotFound, webhookNotFound } from './errors';
import { deliverySelect, toDeliveryOutput } from './views';

const PAGE_SIZE = 50;

/** Newest first, a page at a time (`before` is the previous page's `next_before`). */
export async function listWebhookDeliveries(
  ctx: AuthContext,
  data: WebhookDeliveriesInput,
): Promise<WebhookDeliveriesOutput> {
  const endpoint = await ctx.prisma.webhookEndpoint.findUnique({
    where: { id: data.id },
    select: { id: true },
  });
  if (!endpoint) throw webhookNotFound();
  const limit = data.limit ?? PAGE_SIZE;
  const rows = await ctx.prisma.webhookDelivery.findMany({
    where: {
      endpointId: data.id,
      ...(data.status ? { status: data.status } : {}),
      ...(data.before ? { seq: { lt: BigInt(data.before) } } : {}),
    },
    orderBy: { seq: 'desc' },
    take: limit + 1,
    select: deliverySelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    deliveries: page.map(toDeliveryOutput),
    next_before: rows.length > limit && last ? last.seq.toString() : null,
  };
}

/**
 * Sends a delivery again, with the same `webhook-id`: a delivered or failed one starts over
 * (attempts from zero), a pending one is made due now. It keeps its place in the endpoint's
 * order, so it goes before the endpoint's later events. One in flight is left alone.
 */
export async function redeliverWebhook(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: RedeliverWebhookInput,
  meta: RequestMeta,
): Promise<RedeliverWebhookOutput> {
  const where = { id: data.delivery_id, endpointId: data.id };
  const message = await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.findFirst({ where, select: { status: true } });
    if (!row) throw deliveryNotFound();
    if (row.status === 'sending') return 'It is being delivered right now.';
    const now = ctx.clock.now();
    const requeued = await tx.webhookDelivery.updateMany({
      where: { ...where, status: row.status },
      data:
        row.status === 'pending'
          ? { nextAttemptAt: now }
          : { status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null },
    });
    // Claimed by a worker in the meantime: it is on its way anyway.
    if (requeued.count === 0) return 'It is being delivered right now.';
    await recordAudit(
      tx,
      {
        type: 'webhook_redelivered',
        actorId: admin.userId,
        detail: { endpoint_id: data.id, delivery_id: data.delivery_id },
      },
      meta,
    );
    return 'Queued: it is sent again shortly, with the same webhook-id.';
  });
  const row = await ctx.prisma.webhookDelivery.findFirst({ where, select: deliverySelect });
  if (!row) throw deliveryNotFound();
  return { message, delivery: toDeliveryOutput(row) };
}
