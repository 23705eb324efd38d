import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApiDeps } from '@otp-auth/api';
import {
  createAuthContext,
  createExternalProviders,
  createMailWorker,
  invalidationHandlers,
  startPurgeTimer,
  systemClock,
  type AuthContext,
} from '@otp-auth/auth';
import {
  openDatabase,
  SESSION_EVENTS_CHANNEL,
  WEBHOOK_EVENTS_CHANNEL,
  type Database,
} from '@otp-auth/db';
import type { Server } from 'node:http';
import { buildApp, type App } from './app';
import type { ServerConfig } from './config';
import { createLogger, type Logger } from './logger';
import { createMailSetup, mailErrorForLog, type MailSetup } from './mail';
import { createRateLimiter } from './rate-limits';
import { createWebhookDelivery } from './webhooks';

/** How long a shutdown waits for requests, then for mail, before cutting them off. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServerApp {
  url: string;
  app: App;
  server: Server;
  db: Database;
  auth: AuthContext;
  mail: MailSetup;
  log: Logger;
  /** Stops accepting connections, finishes what is in flight, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database (migrating it unless MIGRATE_ON_START=false), starts the mail and webhook
 * workers and the purge timer, and listens. */
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
      migrate: config.migrateOnStart,
      migrationsDir: config.migrationsDir,
      preparedStatements: config.databasePreparedStatements,
    }));

  const mail = createMailSetup(config, log);
  const worker = createMailWorker({
    prisma: db.prisma,
    transport: mail.transport,
    clock: systemClock,
    from: config.auth.mailFrom,
    maxAttempts: config.mail.maxAttempts,
    baseDelayMs: config.mail.retryBaseMs,
    onError: (error, context) =>
      log.warn({ error: mailErrorForLog(error), ...context }, 'mail delivery failed'),
  });
  // Known once listening, unless PUBLIC_URL says where browsers reach us.
  let ownUrl = '';
  const publicUrl = () => config.publicUrl ?? ownUrl;
  const auth = createAuthContext({
    prisma: db.prisma,
    config: config.auth,
    clock: systemClock,
    oidc: createExternalProviders(config.oidcProviders, publicUrl),
    onMailQueued: worker.wake,
    onSecurityEvent: (event, meta) => log.warn({ reqId: meta.requestId, event }, 'security event'),
  });

  // The session cache is trusted only while this subscription is up (ADR 100).
  const sessionEvents = await db.listen(
    SESSION_EVENTS_CHANNEL,
    invalidationHandlers(auth.cache, auth.keys),
  );
  const webhooks = createWebhookDelivery(config, db, log);
  // A new delivery, written on any instance, wakes this worker at its commit (ADR 160).
  const webhookEvents = await db.listen(
    WEBHOOK_EVENTS_CHANNEL,
    { onNotify: webhooks.wake, onUp: webhooks.wake, onDown: () => undefined },
    // Only a wake-up: a missed one costs a poll interval, so a slow heartbeat is enough.
    { heartbeatMs: 30_000, staleAfterMs: 10_000 },
  );

  // Key ids are public (they are in the JWKS); logging them shows each rotation reaching us.
  auth.keys.onChange((kids) => log.info({ kids: [...kids] }, 'access-token keys published'));
  // The first start creates the signing key; a sealed key that cannot be opened fails here,
  // not on the first login.
  await auth.keys.refresh();
  await auth.keys.signer();

  if (!config.rateLimits) log.warn('RATE_LIMITS=off: no rate limits. For benchmarks only.');
  const rateLimiter = config.rateLimits
    ? createRateLimiter(db.prisma, config.rateLimits)
    : undefined;
  // Every API surface (tRPC, REST) gets these same deps, so the same limits apply to each.
  const deps: ApiDeps = { auth, rateLimiter };

  const app = await buildApp({
    log,
    deps,
    db,
    jwksMaxAgeSeconds: config.jwksMaxAgeSeconds,
    migrationsDir: config.migrationsDir,
    webDist: config.webDist,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    devInbox: config.env === 'production' ? undefined : mail.devInbox,
    refreshCookie: {
      secure: config.env === 'production',
      maxAgeSeconds: config.auth.refreshTokenTtlSeconds,
    },
    publicUrl,
    shutdownGraceMs: SHUTDOWN_GRACE_MS,
  });
  await app.listen({ port: config.port, host: config.host });
  worker.start();
  webhooks.start();
  const purge = startPurgeTimer({
    prisma: db.prisma,
    clock: systemClock,
    mailRetentionMs: config.mail.retentionDays * 86_400_000,
    webhookRetentionMs: config.webhooks.retentionDays * 86_400_000,
    intervalMs: config.purgeIntervalMs,
    onDone: (purged) => log.info({ purged }, 'purged expired rows'),
    onError: (error) => log.warn({ err: error }, 'purge failed'),
  });

  const keyRefresh = auth.keys.startRefresh((error) =>
    log.warn({ err: error }, 'signing keys reload failed'),
  );

  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  ownUrl = url;
  log.info({ url, database: db.kind }, 'server listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await purge.stop();
      await keyRefresh.stop();
      // Mail and webhooks queued by the last requests go out now rather than waiting for
      // another instance; what is left keeps its lease and is taken over (ADR 042, 160).
      await Promise.all([
        worker.stop({ drainMs: SHUTDOWN_GRACE_MS }),
        webhooks.stop({ drainMs: SHUTDOWN_GRACE_MS }),
      ]);
      mail.transport.close?.();
      await webhookEvents.close();
      await sessionEvents.close();
      await db.close();
    })());

  return { url, app, server: app.server, db, auth, mail, log, close };
}
