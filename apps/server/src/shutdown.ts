import type { Server, ServerResponse } from 'node:http';

/**
 * Graceful stop for a node:http server. `closeIdleConnections()` alone is not enough: a
 * connection counts as idle the moment its response is finished, possibly before the bytes are
 * flushed, and destroying it then resets the client. So once closing, each connection is ended
 * (FIN after its buffered bytes) right after its response, and new responses say
 * `Connection: close`; connections with nothing in flight are closed at once.
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
