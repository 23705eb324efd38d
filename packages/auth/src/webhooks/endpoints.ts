// Webhook endpoints, managed by admins (ADR 160): each change is an audit event naming the
// admin. A secret is shown once, when it is made; the database holds it sealed.
import type {
  CreateWebhookInput,
  MessageOutput,
  UpdateWebhookInput,
  WebhookEndpointOutput,
  WebhookEndpointsOutput,
  WebhookIdInput,
  WebhookSecretOutput,
} from '@otp-auth/validators';
import { recordAudit } from '../audit';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { webhookNotFound, webhookUrlRefused } from './errors';
import { newWebhookSecret, webhookSecretBox } from './signing';
import { resolveTarget, TargetRefused } from './target';
import { endpointSelect, toEndpointOutput, type EndpointRow } from './views';

/** A host that takes longer to resolve is refused as one that does not. */
const RESOLVE_WITHIN_MS = 5_000;

/** Refuses a URL whose host is private, loopback, … or does not resolve (unless
 * WEBHOOK_ALLOW_PRIVATE). Checked again, after DNS, at every delivery. */
async function assertReachable(ctx: AuthContext, url: string): Promise<void> {
  try {
    await resolveTarget(
      new URL(url),
      { allowPrivate: ctx.config.webhookAllowPrivate },
      AbortSignal.timeout(RESOLVE_WITHIN_MS),
    );
  } catch (error) {
    if (error instanceof TargetRefused) throw webhookUrlRefused(error.message);
    throw error;
  }
}

/** Pending and failed deliveries per endpoint, for the list. */
async function countsOf(ctx: AuthContext, ids: string[]) {
  const groups = await ctx.prisma.webhookDelivery.groupBy({
    by: ['endpointId', 'status'],
    where: { endpointId: { in: ids }, status: { in: ['pending', 'sending', 'failed'] } },
    _count: { _all: true },
  });
  return (id: string) => {
    const count = (statuses: string[]) =>
      groups
        .filter((g) => g.endpointId === id && statuses.includes(g.status))
        .reduce((sum, g) => sum + g._count._all, 0);
    return { pending: count(['pending', 'sending']), failed: count(['failed']) };
  };
}

async function present(ctx: AuthContext, rows: EndpointRow[]): Promise<WebhookEndpointOutput[]> {
  const counts = await countsOf(
    ctx,
    rows.map((row) => row.id),
  );
  const now = ctx.clock.now();
  return rows.map((row) => toEndpointOutput(row, counts(row.id), now));
}

async function presentOne(ctx: AuthContext, id: string): Promise<WebhookEndpointOutput> {
  const row = await ctx.prisma.webhookEndpoint.findUnique({
    where: { id },
    select: endpointSelect,
  });
  if (!row) throw webhookNotFound();
  const [endpoint] = await present(ctx, [row]);
  if (!endpoint) throw webhookNotFound();
  return endpoint;
}

export async function listWebhooks(ctx: AuthContext): Promise<WebhookEndpointsOutput> {
  const rows = await ctx.prisma.webhookEndpoint.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: endpointSelect,
  });
  return { endpoints: await present(ctx, rows) };
}

export function getWebhook(ctx: AuthContext, data: WebhookIdInput): Promise<WebhookEndpointOutput> {
  return presentOne(ctx, data.id);
}

export async function createWebhook(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: CreateWebhookInput,
  meta: RequestMeta,
): Promise<WebhookSecretOutput> {
  await assertReachable(ctx, data.url);
  const secret = newWebhookSecret();
  const id = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        url: data.url,
        description: data.description,
        events: data.events,
        secretSealed: webhookSecretBox(ctx.config).seal(secret),
      },
      select: { id: true },
    });
    await recordAudit(
      tx,
      {
        type: 'webhook_created',
        actorId: admin.userId,
        detail: { endpoint_id: created.id, url: data.url, events: data.events },
      },
      meta,
    );
    return created.id;
  });
  return {
    message: 'Endpoint created. Keep the secret now: it is not shown again.',
    endpoint: await presentOne(ctx, id),
    secret,
  };
}

export async function updateWebhook(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: UpdateWebhookInput,
  meta: RequestMeta,
): Promise<WebhookEndpointOutput> {
  const { id, ...changes } = data;
  if (changes.url !== undefined) await assertReachable(ctx, changes.url);
  const fields = Object.keys(changes).filter(
    (key) => changes[key as keyof typeof changes] !== undefined,
  );
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({ where: { id }, data: changes });
    if (updated.count === 0) throw webhookNotFound();
    await recordAudit(
      tx,
      {
        type: 'webhook_updated',
        actorId: admin.userId,
        detail: { endpoint_id: id, ...changes, fields },
      },
      meta,
    );
  });
  return presentOne(ctx, id);
}

/** A new secret signs from now on; the previous one signs too (two `v1,` signatures) for
 * `webhookSecretGraceSeconds`, while the receiver switches. An older one stops at once. */
export async function rotateWebhookSecret(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: WebhookIdInput,
  meta: RequestMeta,
): Promise<WebhookSecretOutput> {
  const secret = newWebhookSecret();
  const until = addSeconds(ctx.clock.now(), ctx.config.webhookSecretGraceSeconds);
  await ctx.prisma.$transaction(async (tx) => {
    // Locked: of two rotations at once, the second waits and keeps the first's new secret as
    // its previous one, so the secret the first admin was shown is never skipped.
    const [current] = await tx.$queryRaw<{ secret: string }[]>`
      SELECT secret_sealed AS secret FROM webhook_endpoints WHERE id = ${data.id}::uuid FOR UPDATE`;
    if (!current) throw webhookNotFound();
    await tx.webhookEndpoint.update({
      where: { id: data.id },
      data: {
        secretSealed: webhookSecretBox(ctx.config).seal(secret),
        previousSecretSealed: current.secret,
        previousSecretExpiresAt: until,
      },
    });
    await recordAudit(
      tx,
      { type: 'webhook_secret_rotated', actorId: admin.userId, detail: { endpoint_id: data.id } },
      meta,
    );
  });
  return {
    message: `New secret made. The previous one signs too until ${until.toISOString()}.`,
    endpoint: await presentOne(ctx, data.id),
    secret,
  };
}

/** The endpoint and its deliveries go; nothing more is sent to it. */
export async function deleteWebhook(
  ctx: AuthContext,
  admin: AuthenticatedUser,
  data: WebhookIdInput,
  meta: RequestMeta,
): Promise<MessageOutput> {
  await ctx.prisma.$transaction(async (tx) => {
    const deleted = await tx.webhookEndpoint.deleteMany({ where: { id: data.id } });
    if (deleted.count === 0) throw webhookNotFound();
    await recordAudit(
      tx,
      { type: 'webhook_deleted', actorId: admin.userId, detail: { endpoint_id: data.id } },
      meta,
    );
  });
  return { message: 'Endpoint deleted.' };
}
