import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';

// The request's logger follows its async work, so that code deep in a request (tRPC's onError,
// security events) logs with the request id without passing it around.
const current = new AsyncLocalStorage<Logger>();

// A caller's id is kept only when it is short and plain, so that nobody can write arbitrary text
// into the log (or a response header) through it.
const SANE_ID = /^[\w.:-]{1,100}$/;

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/** Runs `handle` with a child logger carrying the request id, echoes the id in `X-Request-Id`,
 * and logs one line when the response is done (the path without its query string). */
export function withRequestLog<T>(
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  handle: (log: Logger) => T,
): T {
  const reqId = requestIdOf(req);
  const child = log.child({ reqId });
  res.setHeader('x-request-id', reqId);
  const started = performance.now();
  const path = (req.url ?? '/').split('?')[0];
  if (child.isLevelEnabled('debug')) child.debug({ method: req.method, path }, 'request received');
  res.once('close', () => {
    if (!child.isLevelEnabled('info')) return;
    child.info(
      {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
  return current.run(child, () => handle(child));
}

/** The logger of the request being handled (with its id), or the fallback outside one. */
export function currentLog(fallback: Logger): Logger {
  return current.getStore() ?? fallback;
}
