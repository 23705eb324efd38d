import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';

/**
 * Graceful stop for `app.close()`. Once closing, every response says `Connection: close` and its
 * connection is ended (a FIN after the buffered bytes) as soon as it is finished, so that a
 * keep-alive connection busy at the moment of closing neither lingers until the keep-alive
 * timeout nor is destroyed while a client reuses it. Idle connections are closed at once;
 * after `graceMs` whatever remains is cut off.
 */
export const gracefulClosePlugin = fp<{ graceMs: number }>(
  (app, { graceMs }, done) => {
    let closing = false;
    let timer: NodeJS.Timeout | undefined;
    const inFlight = new Set<ServerResponse>();
    app.addHook('onRequest', (request, reply, next) => {
      const res = reply.raw;
      if (closing) res.setHeader('connection', 'close');
      inFlight.add(res);
      const socket = request.raw.socket;
      res.once('finish', () => {
        if (closing) socket.end();
      });
      res.once('close', () => inFlight.delete(res));
      next();
    });
    app.addHook('preClose', (next) => {
      closing = true;
      for (const res of inFlight) {
        if (!res.headersSent) res.setHeader('connection', 'close');
      }
      app.server.closeIdleConnections();
      timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
      timer.unref();
      next();
    });
    app.addHook('onClose', (_instance, next) => {
      clearTimeout(timer);
      next();
    });
    done();
  },
  { name: 'graceful-close' },
);
