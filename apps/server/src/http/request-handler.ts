import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { withRequestLog } from './request-log';
import { sendJson } from './respond';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/** Tries each route in order; the first that answers wins. Unknown paths get a JSON 404 and
 * unexpected failures a bare 500, never a stack trace. */
export function createRequestHandler(routes: Route[], log: Logger): RequestListener {
  return (req, res) => {
    withRequestLog(req, res, log, (reqLog) => handle(req, res, reqLog));
  };

  function handle(req: IncomingMessage, res: ServerResponse, log: Logger): void {
    void (async () => {
      for (const route of routes) {
        if (await route(req, res)) return;
      }
      sendJson(res, 404, { detail: 'Not found.', code: 'not_found' });
    })().catch((error: unknown) => {
      log.error({ err: error, path: pathOf(req) }, 'request failed');
      if (!res.headersSent) {
        sendJson(res, 500, { detail: 'Internal server error.', code: 'internal_error' });
      } else {
        res.destroy();
      }
    });
  }
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}
