import {
  appRouter,
  bearerToken,
  createContextInner,
  retryAfterHeader,
  type ApiDeps,
  type AppRouter,
  type Context,
} from '@otp-auth/api';
import type { TRPCError } from '@trpc/server';
import { fastifyRequestHandler, type FastifyHandlerOptions } from '@trpc/server/adapters/fastify';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { browserBindingFor } from './browser-binding';
import { refreshCookieFor, type RefreshCookieOptions } from './refresh-cookie';
import { answerSingleCall, singleCallOf } from './trpc-single-call';

function contextOf(
  deps: ApiDeps,
  cookie: RefreshCookieOptions | undefined,
  req: FastifyRequest,
  res: FastifyReply,
): Context {
  return createContextInner(deps, {
    ip: req.clientIp,
    userAgent: req.headers['user-agent'],
    requestId: req.id,
    accessToken: bearerToken(req.headers.authorization),
    refreshCookie: cookie && refreshCookieFor(req, res, cookie),
    browserBinding: cookie && browserBindingFor(req, res, cookie),
  });
}

function logFailure(error: TRPCError, path: string | undefined, req: FastifyRequest): void {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
  }
}

/** What tRPC's own Fastify handler is given: the router, our context, `Retry-After`, the log. */
export function trpcOptionsFor(
  deps: ApiDeps,
  cookie?: RefreshCookieOptions,
): FastifyHandlerOptions<AppRouter, FastifyRequest, FastifyReply> {
  return {
    router: appRouter,
    createContext: ({ req, res }) => contextOf(deps, cookie, req, res),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
    onError: ({ error, path, req }) => logFailure(error, path, req),
  };
}

/** tRPC at /trpc, without a transformer: the wire stays plain JSON for any HTTP client.
 *
 * A single call (one query by GET, one mutation by POST, or a batch of one) is run here and
 * answered as tRPC's handler answers it; everything else (batches, streaming, other methods
 * and media types, a procedure not at the path) goes to tRPC's own Fastify handler. That
 * handler builds a fetch `Request`, an abort signal, a `Response` and a web stream for every
 * call, which cost more than the rest of a call together (ADR 170). */
export const trpcPlugin: FastifyPluginCallback<{
  deps: ApiDeps;
  cookie?: RefreshCookieOptions;
}> = (app, { deps, cookie }, done) => {
  const trpcOptions = trpcOptionsFor(deps, cookie);

  // Bodies reach tRPC as text, as its own Fastify plugin sets them up (this plugin's scope only).
  app.removeContentTypeParser(['application/json', 'multipart/form-data']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    done(null, body);
  });
  app.addContentTypeParser('multipart/form-data', (_req, body, done) => {
    done(null, body);
  });

  app.all<{ Params: { path: string } }>('/trpc/:path', async (req, res) => {
    const { path } = req.params;
    const call = singleCallOf(req, path);
    if (call) {
      const ctx = contextOf(deps, cookie, req, res);
      const answered = await answerSingleCall(call, ctx, res, (error) =>
        logFailure(error, path, req),
      );
      if (answered) return;
    }
    await fastifyRequestHandler({ ...trpcOptions, req, res, path });
  });
  done();
};
