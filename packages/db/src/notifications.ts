// LISTEN on one channel, with a state the caller can trust: `onUp` once the subscription is in
// place (and again after every reconnect), `onDown` as soon as notifications may have been
// missed. PostgreSQL: a dedicated connection (not from the pool), reconnected with backoff and
// checked by a heartbeat. PGlite: its own listen(), which delivers before the commit returns.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The channel the session and user triggers (migration `session_events`) notify on. */
export const SESSION_EVENTS_CHANNEL = 'otp_auth_sessions';

/** The channel new webhook deliveries notify on (migration `webhooks`): wakes the workers. */
export const WEBHOOK_EVENTS_CHANNEL = 'otp_auth_webhooks';

/** The listener connection's application_name, so operators (and tests) can find it. */
export const LISTENER_APPLICATION_NAME = 'otp-auth-listener';

export interface NotificationHandlers {
  onNotify(payload: string): void;
  /** Notifications may have been missed from now on (connection lost or unresponsive). */
  onDown(): void;
  /** Subscribed: every commit from now on is notified. */
  onUp(): void;
}

export interface Subscription {
  close(): Promise<void>;
}

export async function listenPGlite(
  pglite: PGlite,
  channel: string,
  handlers: NotificationHandlers,
): Promise<Subscription> {
  const unlisten = await pglite.listen(channel, (payload) => handlers.onNotify(payload));
  handlers.onUp();
  return {
    close: async () => {
      handlers.onDown();
      await unlisten();
    },
  };
}

export interface PgListenerOptions {
  /** How often the connection is checked; an answer later than `staleAfterMs` counts as down. */
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Reconnect backoff: first delay, doubled up to the maximum. */
  retryMs?: number;
  maxRetryMs?: number;
}

export function listenPostgres(
  url: string,
  channel: string,
  handlers: NotificationHandlers,
  options: PgListenerOptions = {},
): Subscription {
  const heartbeatMs = options.heartbeatMs ?? 250;
  const staleAfterMs = options.staleAfterMs ?? 750;
  const retryMs = options.retryMs ?? 50;
  const maxRetryMs = options.maxRetryMs ?? 1_000;
  let client: pg.Client | null = null;
  let up = false;
  let closed = false;
  let delay = retryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const down = () => {
    if (up) {
      up = false;
      handlers.onDown();
    }
  };

  const lost = (current: pg.Client) => {
    if (client !== current) return;
    client = null;
    clearInterval(heartbeat);
    down();
    current.removeAllListeners('notification');
    current.on('error', () => undefined); // a late error of a dead connection is expected
    void current.end().catch(() => undefined);
    if (!closed) {
      retryTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxRetryMs);
    }
  };

  const connect = () => {
    if (closed) return;
    const current = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
    });
    client = current;
    current.on('error', () => lost(current));
    current.on('end', () => lost(current));
    current.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) {
        handlers.onNotify(message.payload);
      }
    });
    current
      .connect()
      .then(() => current.query(`LISTEN "${channel}"`))
      .then(() => {
        if (client !== current) return;
        delay = retryMs;
        up = true;
        handlers.onUp();
        heartbeat = setInterval(() => check(current), heartbeatMs);
      })
      .catch(() => lost(current));
  };

  // A connection that silently stopped answering (a cut network) is as good as lost: after
  // `staleAfterMs` without an answer the subscription counts as down until it answers again.
  let pending = false;
  const check = (current: pg.Client) => {
    if (pending) return;
    pending = true;
    const stale = setTimeout(down, staleAfterMs);
    current.query('SELECT 1').then(
      () => {
        pending = false;
        clearTimeout(stale);
        if (!up && client === current && !closed) {
          up = true;
          handlers.onUp();
        }
      },
      () => {
        pending = false;
        clearTimeout(stale);
        lost(current);
      },
    );
  };

  connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      down();
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
