import type { DeliveredMail } from '@otp-auth/auth';
import type { FastifyPluginCallback } from 'fastify';
import { sendJson, sendNotFound } from './json-reply';

const DEV_INBOX_PATH = '/dev/inbox';

/** GET /dev/inbox: the mails this process "sent" when no SMTP server is configured, so that the
 * app's Dev inbox page can show the codes. Without an inbox (SMTP configured, or production) the
 * path is a plain 404, for every method. */
export const devInboxPlugin: FastifyPluginCallback<{
  inbox: { list(): DeliveredMail[] } | undefined;
}> = (app, { inbox }, done) => {
  app.all(DEV_INBOX_PATH, (request, reply) => {
    if (!inbox || request.method !== 'GET') return sendNotFound(reply);
    const mails = inbox
      .list()
      .map(({ id, to, subject, text, sentAt }) => ({ id, to, subject, text, sentAt }));
    return sendJson(reply, 200, { mails });
  });
  done();
};
