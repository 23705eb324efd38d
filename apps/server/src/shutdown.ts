import type { Server, ServerResponse } from 'node:http';

/**
 * Graceful stop for a node:http server. Once closing, every response says `Connection: close`
 * and its connection is ended (a FIN after the buffered bytes) as soon as it is finished, so
 * that a keep-alive connection busy at the moment of closing neither lingers until
 * `keepAliveTimeout` nor is destroyed while a client reuses it. Idle connections are closed at
 * once.
 */
export function gracefulHttp(server: Server) {
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (req, res) => {
    if (closing) res.setHeader('connection', 'close');
    inFlight.add(res);
    const socket = req.socket;
    res.once('finish', () => {
      if (closing) socket.end();
    });
    res.once('close', () => inFlight.delete(res));
  });

  /** Stops accepting connections and resolves once those in flight are done; after `graceMs`
   * whatever remains is cut off. */
  async function drain(graceMs: number): Promise<void> {
    closing = true;
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('connection', 'close');
    }
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      timer = setTimeout(() => server.closeAllConnections(), graceMs);
    });
    clearTimeout(timer);
  }

  return { drain };
}
