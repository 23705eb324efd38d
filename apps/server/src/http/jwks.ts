import type { Keyring } from '@otp-auth/auth';
import type { FastifyPluginCallback } from 'fastify';
import { refuseOtherMethods, sendJson } from './json-reply';

const JWKS_PATH = '/.well-known/jwks.json';

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
  refuseOtherMethods(app, JWKS_PATH, ['GET']);
  done();
};
