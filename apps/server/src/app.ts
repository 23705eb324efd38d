import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAuthService, createMailWorker, type AuthService } from '@otp-auth/auth';
import { openDatabase, type Database } from '@otp-auth/db';
import type { ServerConfig } from './config';
import { createDevInboxRoute } from './http/dev-inbox';
import { createHealthRoute } from './http/health';
import { createRequestHandler } from './http/request-handler';
import { createStaticHandler } from './http/static-files';
import { createTrpcRoute } from './http/trpc-route';
import { createLogger, type Logger } from './logger';
import { createMailSetup, type MailSetup } from './mail';

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

  const serveStatic = createStaticHandler(config.webDist);
  const handler = createRequestHandler(
    [
      createHealthRoute(db),
      createDevInboxRoute(config.env === 'production' ? undefined : mail.devInbox),
      createTrpcRoute({ auth }, log, {
        secure: config.env === 'production',
        maxAgeSeconds: config.auth.refreshTokenTtlSeconds,
      }),
      (req, res) => (req.method === 'GET' || req.method === 'HEAD' ? serveStatic(req, res) : false),
    ],
    log,
  );
  const server = createServer(handler);
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
