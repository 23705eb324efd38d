import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@otp-auth/client';

/** A receiver for otp-auth webhooks: verifies, handles each event once, answers 2xx. */
export function createWebhookReceiver(
  secret: string | string[], // both secrets while you move to a rotated one
  handle: (event: WebhookEvent) => Promise<void>,
) {
  const seen = new Set<string>(); // in production: a unique key in your database
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8'); // the raw body, as signed
      void (async () => {
        try {
          const event = await verifyWebhook(body, request.headers, { secret });
          const id = String(request.headers['webhook-id']); // the same on every retry
          if (!seen.has(id)) {
            switch (event.type) {
              case 'user.created':
                console.log('provision', event.data.user_id, event.data.email);
                break;
              case 'user.deleted':
                console.log('clean up', event.data.user_id);
                break;
              default:
                break;
            }
            await handle(event);
            seen.add(id);
          }
          response.writeHead(204).end();
        } catch (error) {
          // 400: a forgery or a replay; any other failure: 500, and otp-auth retries later.
          response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
        }
      })();
    });
  });
}
