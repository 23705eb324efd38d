import {
  appRouter,
  bearerToken,
  createContextInner,
  retryAfterHeader,
  type ApiDeps,
  type AppRouter,
} from '@otp-auth/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyPluginAsync } from 'fastify';
import { browserBindingFor } from './browser-binding';
import { refreshCookieFor, type RefreshCookieOptions } from './refresh-cookie';

/** tRPC at /trpc through its official Fastify adapter, without a transformer: the wire stays
 * plain JSON for any HTTP client. */
export const trpcPlugin: FastifyPluginAsync<{
  deps: ApiDeps;
  cookie?: RefreshCookieOptions;
}> = async (app, { deps, cookie }) => {
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    createContext: ({ req, res }) =>
      createContextInner(deps, {
        ip: req.clientIp,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
        accessToken: bearerToken(req.headers.authorization),
        refreshCookie: cookie && refreshCookieFor(req, res, cookie),
        browserBinding: cookie && browserBindingFor(req, res, cookie),
      }),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
    onError: ({ error, path, req }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      }
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
};
