import type { AuthService } from '@otp-auth/auth';
import { pathOf, type Route } from './request-handler';
import { sendJson } from './respond';

export const JWKS_PATH = '/.well-known/jwks.json';

/** GET /.well-known/jwks.json: the public keys that verify access tokens (`auth.keys.jwks()`).
 * Public data: cacheable by anyone for max-age (a new key is published at least that long
 * before it signs) and readable from any origin. */
export function createJwksRoute(auth: AuthService, maxAgeSeconds: number): Route {
  return async (req, res) => {
    if (pathOf(req) !== JWKS_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = { detail: 'Method not allowed.', code: 'method_not_allowed' };
      sendJson(res, 405, body, { allow: 'GET, HEAD' });
      return true;
    }
    sendJson(res, 200, await auth.keys.jwks(), {
      'cache-control': `public, max-age=${String(maxAgeSeconds)}`,
      'access-control-allow-origin': '*',
    });
    return true;
  };
}
