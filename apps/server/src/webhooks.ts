import {
  createWebhookWorker,
  systemClock,
  webhookSecretBox,
  type WebhookWorker,
} from '@otp-auth/auth';
import type { Database } from '@otp-auth/db';
import type { ServerConfig } from './config';
import type { Logger } from './logger';

/** The webhook worker with the server's settings (ADR 160). Its failures are logged with the
 * delivery's and endpoint's ids and the reason; never a payload or a secret. */
export function createWebhookDelivery(
  config: ServerConfig,
  db: Database,
  log: Logger,
): WebhookWorker {
  if (config.auth.webhookAllowPrivate) {
    log.warn('WEBHOOK_ALLOW_PRIVATE=true: webhooks may reach private and loopback addresses');
  }
  return createWebhookWorker({
    prisma: db.prisma,
    clock: systemClock,
    secrets: webhookSecretBox(config.auth),
    allowPrivate: config.auth.webhookAllowPrivate,
    maxAttempts: config.webhooks.maxAttempts,
    retryBaseMs: config.webhooks.retryBaseMs,
    retryMaxMs: config.webhooks.retryMaxMs,
    timeoutMs: config.webhooks.timeoutMs,
    userAgent: `${config.auth.productName}-webhooks`,
    onError: (error, context) =>
      log.warn(
        { reason: error instanceof Error ? error.message : String(error), ...context },
        'webhook delivery failed',
      ),
  });
}
