import type { Server } from 'node:http';

/** Stops accepting connections and waits for the requests in flight. Keep-alive connections
 * are closed as soon as they fall idle (checked often, since a busy one becomes idle only after
 * its response). After `graceMs` whatever remains is cut off. */
export async function drainHttp(server: Server, graceMs: number): Promise<void> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    const sweep = () => {
      if (Date.now() - started >= graceMs) server.closeAllConnections();
      else server.closeIdleConnections();
    };
    sweep();
    timer = setInterval(sweep, 50);
  });
  clearInterval(timer);
}
