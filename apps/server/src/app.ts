import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApiDeps } from '@otp-auth/api';
import { createAuthService, createMailWorker, type AuthService } from '@otp-auth/auth';
import { openDatabase, type Database } from '@otp-auth/db';
import type { ServerConfig } from './config';
import { withEdgeProtections } from './http/edge';
import { createHealthRoute } from './http/health';
import { createRequestHandler } from './http/request-handler';
import { createStaticHandler } from './http/static-files';
import { createTrpcRoute } from './http/trpc-route';
import { createLogger, type Logger } from './logger';
import { createMailSetup, type MailSetup } from './mail';
import { createRateLimiter } from './rate-limits';
import { createRestApi } from './rest';

export interface ServerApp {
  url: string;
  server: Server;
  db: Database;
  auth: AuthService;
  mail: MailSetup;
  log: Logger;
  /** Stops accepting connections, finishes what is in flight, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  options: { log?: Logger; db?: Database } = {},
): Promise<ServerApp> {
  const log =
    options.log ?? createLogger({ level: config.logLevel, pretty: config.env === 'development' });
  if (!config.databaseUrl && !options.db) {
    log.warn(
      'DATABASE_URL is not set: using the embedded database in %s (one instance only)',
      config.dataDir,
    );
  }
  const db =
    options.db ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
      migrate: true,
    }));

  const mail = createMailSetup(config, log);
  const worker = createMailWorker({
    prisma: db.prisma,
    transport: mail.transport,
    clock: { now: () => new Date() },
    from: config.auth.mailFrom,
    onError: (error, context) => log.warn({ err: error, ...context }, 'mail delivery failed'),
  });
  const auth = createAuthService({
    prisma: db.prisma,
    config: config.auth,
    onMailQueued: worker.wake,
    onSecurityEvent: (event) => log.warn({ event }, 'security event'),
  });

  if (!config.rateLimits) log.warn('RATE_LIMITS=off: no rate limits. For benchmarks only.');
  const rateLimiter = config.rateLimits
    ? createRateLimiter(db.prisma, config.rateLimits)
    : undefined;
  // Every API surface (tRPC, REST) gets these same deps, so the same limits apply to each.
  const apiDeps: ApiDeps = { auth, rateLimiter };

  const serveStatic = createStaticHandler(config.webDist);
  const handler = createRequestHandler(
    [
      createHealthRoute(db),
      createTrpcRoute(apiDeps, log),
      createRestApi(apiDeps, log),
      (req, res) => (req.method === 'GET' || req.method === 'HEAD' ? serveStatic(req, res) : false),
    ],
    log,
  );
  const server = createServer(
    withEdgeProtections(handler, {
      trustProxy: config.trustProxy,
      corsOrigins: config.corsOrigins,
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  worker.start();

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, database: db.kind }, 'server listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await worker.stop();
      mail.transport.close?.();
      await db.close();
    })());

  return { url, server, db, auth, mail, log, close };
}
