import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

// A caller's id is kept only when it is short and plain, so that nobody can write arbitrary text
// into the log (or a response header) through it.
const SANE_ID = /^[\w.:-]{1,100}$/;

/** Fastify's `genReqId`: the caller's `X-Request-Id` when it is sane, else a fresh UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0];

/** Fastify's request log lines, in our shape: one `request` line per answer (method, path
 * without its query string, status, ms), and a debug line when a request comes in. */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, path: pathOf(request) }, 'request received');
  }

  override requestCompleted(_error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    request.log.info(
      {
        method: request.method,
        path: pathOf(request),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(reply.raw.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  }

  // Our own error handlers log what deserves it, with the request id.
  override defaultErrorLog(): void {}
  override routeNotFound(): void {}
}

/** Echoes the request id in `X-Request-Id`. Code below the edge that logs gets the id through
 * its request's `RequestMeta` (an AsyncLocalStorage would cost every promise of every request
 * an async hook). */
export const requestLogPlugin = fp(
  (app, _options, done) => {
    app.addHook('onRequest', (request, reply, next) => {
      reply.header('x-request-id', request.id);
      next();
    });
    done();
  },
  { name: 'request-log' },
);
