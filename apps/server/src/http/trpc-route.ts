import type { IncomingMessage } from 'node:http';
import {
  appRouter,
  bearerToken,
  createContextInner,
  retryAfterHeader,
  type ApiDeps,
} from '@otp-auth/api';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Logger } from '../logger';
import { clientIpOf } from './client-ip';
import { currentLog } from './request-log';
import { refreshCookieFor, type RefreshCookieOptions } from './refresh-cookie';
import { pathOf, type Route } from './request-handler';

export const MAX_BODY_BYTES = 64 * 1024;

/** Who is asking: the client IP as resolved at the edge (TRUST_PROXY), and the user agent. */
export function clientMeta(req: IncomingMessage) {
  return {
    ip: clientIpOf(req),
    userAgent: req.headers['user-agent'],
  };
}

/** tRPC at /trpc, without a transformer: the wire stays plain JSON for any HTTP client. */
export function createTrpcRoute(deps: ApiDeps, log: Logger, cookie?: RefreshCookieOptions): Route {
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) =>
      createContextInner(deps, {
        ...clientMeta(req),
        accessToken: bearerToken(req.headers.authorization),
        refreshCookie: cookie && refreshCookieFor(req, res, cookie),
      }),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        currentLog(log).error({ err: error.cause ?? error, path }, 'procedure failed');
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
