import type { Keyring } from '@otp-auth/auth';
import type { FastifyPluginCallback, HTTPMethods } from 'fastify';
import { sendJson } from './errors';

export const JWKS_PATH = '/.well-known/jwks.json';

const notAllowed: HTTPMethods[] = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** GET /.well-known/jwks.json: the public keys that verify access tokens (`keys.jwks()`).
 * Public data: cacheable by anyone for max-age (a new key is published at least that long
 * before it signs) and readable from any origin. */
export const jwksPlugin: FastifyPluginCallback<{ keys: Keyring; maxAgeSeconds: number }> = (
  app,
  { keys, maxAgeSeconds },
  done,
) => {
  app.get(JWKS_PATH, async (_request, reply) =>
    sendJson(reply, 200, await keys.jwks(), {
      'cache-control': `public, max-age=${String(maxAgeSeconds)}`,
      'access-control-allow-origin': '*',
    }),
  );
  app.route({
    method: notAllowed,
    url: JWKS_PATH,
    handler: (_request, reply) =>
      sendJson(
        reply,
        405,
        { detail: 'Method not allowed.', code: 'method_not_allowed' },
        { allow: 'GET, HEAD' },
      ),
  });
  done();
};
