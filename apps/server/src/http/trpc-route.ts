import type { IncomingMessage } from 'node:http';
import {
  appRouter,
  bearerToken,
  createContextInner,
  describeError,
  type ApiDeps,
} from '@otp-auth/api';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Logger } from '../logger';
import { pathOf, type Route } from './request-handler';

export const MAX_BODY_BYTES = 64 * 1024;

export function clientMeta(req: IncomingMessage) {
  return {
    ip: req.socket.remoteAddress,
    userAgent: req.headers['user-agent'],
  };
}

/** A rate-limited call tells the client when to come back, as the REST contract does. */
function retryAfterHeader(errors: readonly TRPCError[]) {
  const seconds = errors.map((error) => describeError(error).data.retryAfter ?? 0);
  const wait = Math.max(0, ...seconds);
  return wait > 0 ? { headers: { 'retry-after': String(Math.ceil(wait)) } } : {};
}

/** tRPC at /trpc, without a transformer: the wire stays plain JSON for any HTTP client. */
export function createTrpcRoute(deps: ApiDeps, log: Logger): Route {
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) =>
      createContextInner(deps, {
        ...clientMeta(req),
        accessToken: bearerToken(req.headers.authorization),
      }),
    responseMeta: ({ errors }) => retryAfterHeader(errors),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error({ err: error.cause ?? error, path }, 'procedure failed');
      }
    },
  });
  return (req, res) => {
    const path = pathOf(req);
    if (path !== '/trpc' && !path.startsWith('/trpc/')) return false;
    handler(req, res);
    return true;
  };
}
