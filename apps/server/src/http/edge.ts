import type { RequestListener } from 'node:http';
import { rememberClientIp, type TrustProxy } from './client-ip';
import { createCors } from './cors';
import { applySecurityHeaders } from './security-headers';

/** What every request goes through before any route: its client IP is fixed once (so a forged
 * header cannot change it later), security headers are set, and CORS is decided. */
export function withEdgeProtections(
  handler: RequestListener,
  options: { trustProxy: TrustProxy; corsOrigins: readonly string[] },
): RequestListener {
  const cors = createCors(options.corsOrigins);
  return (req, res) => {
    rememberClientIp(req, options.trustProxy);
    applySecurityHeaders(res);
    if (cors(req, res)) return;
    handler(req, res);
  };
}
