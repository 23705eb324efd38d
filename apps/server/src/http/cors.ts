import cors from '@fastify/cors';
import fp from 'fastify-plugin';

const allowedHeaders = ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'];

/** CORS closed by default: only origins listed in CORS_ORIGINS get `Access-Control-Allow-*`.
 * Tokens travel in `Authorization`, never in cookies, so credentials are never allowed. */
export const corsPlugin = fp<{ origins: readonly string[] }>(
  async (app, { origins }) => {
    const allowed = new Set(origins);
    if (allowed.size > 0) {
      await app.register(cors, {
        origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
        methods: ['GET', 'POST', 'OPTIONS'],
        allowedHeaders,
        maxAge: 600,
        credentials: false,
        strictPreflight: false,
      });
    }
    // A preflight no allowed origin asked for is answered empty, with no Allow headers: the
    // browser then blocks the real request.
    app.addHook('onRequest', (request, reply, next) => {
      const preflight =
        request.method === 'OPTIONS' &&
        request.headers['access-control-request-method'] !== undefined;
      if (!preflight || reply.sent) return next();
      reply.code(204).header('content-length', '0').send();
    });
  },
  { name: 'cors' },
);
