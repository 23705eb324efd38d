import type { DeliveredMail } from '@otp-auth/auth';
import { pathOf, type Route } from './request-handler';
import { sendJson } from './respond';

export const DEV_INBOX_PATH = '/dev/inbox';

/** GET /dev/inbox: the mails this process "sent" when no SMTP server is configured, so that the
 * whole flow works with `pnpm dev` alone. Without an inbox (production, or SMTP configured) the
 * path answers 404 rather than falling through to the SPA. */
export function createDevInboxRoute(inbox: { list(): DeliveredMail[] } | undefined): Route {
  return (req, res) => {
    if (pathOf(req) !== DEV_INBOX_PATH) return false;
    if (!inbox || req.method !== 'GET') {
      sendJson(res, 404, { detail: 'Not found.', code: 'not_found' });
      return true;
    }
    const mails = inbox
      .list()
      .map(({ id, to, subject, text, sentAt }) => ({ id, to, subject, text, sentAt }));
    sendJson(res, 200, { mails });
    return true;
  };
}
