import type { IncomingMessage, ServerResponse } from 'node:http';

const allowedHeaders = ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'];

/** CORS closed by default: only origins listed in CORS_ORIGINS get `Access-Control-Allow-*`.
 * Tokens travel in `Authorization`, never in cookies, so credentials are never allowed.
 * Returns true when it answered the request itself (a preflight). */
export function createCors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    const isAllowed = origin !== undefined && allowed.has(origin);
    if (allowed.size > 0) res.setHeader('vary', 'Origin');
    if (isAllowed) res.setHeader('access-control-allow-origin', origin);

    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    if (isAllowed) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', allowedHeaders.join(', '));
      res.setHeader('access-control-max-age', '600');
    }
    // A refused origin gets no Allow headers: the browser then blocks the real request.
    res.writeHead(204, { 'content-length': '0' });
    res.end();
    return true;
  };
}
