import cookie from '@fastify/cookie';
import type { ApiDeps } from '@otp-auth/api';
import type { DeliveredMail } from '@otp-auth/auth';
import type { Database } from '@otp-auth/db';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { clientIpPlugin, type TrustProxy } from './http/client-ip';
import { corsPlugin } from './http/cors';
import { devInboxPlugin } from './http/dev-inbox';
import { externalSignInPlugin } from './http/external-sign-in';
import { handleEdgeError } from './http/errors';
import { gracefulClosePlugin } from './http/graceful-close';
import { healthPlugin } from './http/health';
import { jwksPlugin } from './http/jwks';
import { RequestLogController, requestIdOf, requestLogPlugin } from './http/request-log';
import type { RefreshCookieOptions } from './http/refresh-cookie';
import { securityHeadersPlugin } from './http/security-headers';
import { staticFilesPlugin } from './http/static-files';
import { trpcPlugin } from './http/trpc';
import type { Logger } from './logger';
import { docsPlugin } from './rest/docs-route';
import { restPlugin } from './rest/rest-route';

/** Request bodies larger than this are refused with a 413 before they are read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  log: Logger;
  deps: ApiDeps;
  db: Database;
  /** Cache-Control max-age of the JWKS. */
  jwksMaxAgeSeconds: number;
  migrationsDir: string;
  webDist: string;
  trustProxy: TrustProxy;
  corsOrigins: readonly string[];
  /** Present only outside production, when mail stays on this machine. */
  devInbox: { list(): DeliveredMail[] } | undefined;
  refreshCookie: RefreshCookieOptions;
  /** The origin people open the app at; provider redirects come back there. */
  publicUrl: () => string;
  /** How long `close()` waits for requests in flight before cutting them off. */
  shutdownGraceMs: number;
}

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>;

/** The HTTP server: Fastify assembled from one plugin per concern. Order matters only for the
 * global hooks: the client IP and the security headers come before anything can answer. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new RequestLogController(),
    genReqId: requestIdOf,
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: 5_000,
    // A request that arrives on an open connection while closing is still served.
    return503OnClosing: false,
    forceCloseConnections: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  await app.register(gracefulClosePlugin, { graceMs: options.shutdownGraceMs });
  await app.register(clientIpPlugin, { trustProxy: options.trustProxy });
  await app.register(requestLogPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(corsPlugin, { origins: options.corsOrigins });
  await app.register(cookie);
  app.setErrorHandler(handleEdgeError);

  await app.register(healthPlugin, { db: options.db, migrationsDir: options.migrationsDir });
  await app.register(jwksPlugin, {
    keys: options.deps.auth.keys,
    maxAgeSeconds: options.jwksMaxAgeSeconds,
  });
  await app.register(devInboxPlugin, { inbox: options.devInbox });
  await app.register(trpcPlugin, { deps: options.deps, cookie: options.refreshCookie });
  await app.register(externalSignInPlugin, {
    deps: options.deps,
    cookie: options.refreshCookie,
    publicUrl: options.publicUrl,
  });
  await app.register(docsPlugin);
  await app.register(restPlugin, { deps: options.deps, cookie: options.refreshCookie });
  await app.register(staticFilesPlugin, { root: options.webDist });
  return app;
}
