// LISTEN on one channel, with a state the caller can trust: `onUp` once notifications are seen
// to arrive (and again after every reconnect), `onDown` as soon as they may have been missed.
// PostgreSQL: a dedicated connection (not from the pool), reconnected with backoff and checked
// by a heartbeat sent through the channel itself. PGlite: its own listen(), which delivers
// before the commit returns.
import { randomBytes } from 'node:crypto';
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

/** Heartbeats travel on the channel they check; listeners pass none of them on. */
const HEARTBEAT_PREFIX = 'otp-auth-heartbeat:';

export interface PgListenerOptions {
  /** How often a heartbeat is sent; one not heard back within `staleAfterMs` counts as down. */
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
  // Our own heartbeats: this listener's id and a sequence number (other instances' are ignored).
  const ownBeat = `${HEARTBEAT_PREFIX}${randomBytes(8).toString('hex')}:`;
  let beats = 0;
  let sending = false;
  // Set while a heartbeat is on its way; it fires `down` if none comes back in time.
  let staleTimer: NodeJS.Timeout | undefined;

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
    clearTimeout(staleTimer);
    staleTimer = undefined;
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
      if (message.channel !== channel || message.payload === undefined) return;
      if (message.payload.startsWith(HEARTBEAT_PREFIX)) {
        if (message.payload.startsWith(ownBeat)) heard(current);
        return;
      }
      handlers.onNotify(message.payload);
    });
    current
      .connect()
      .then(() => current.query(`LISTEN "${channel}"`))
      .then(() => {
        if (client !== current) return;
        delay = retryMs;
        // Up only once a heartbeat comes back through the channel: LISTEN answering proves
        // nothing behind a transaction pooler, which runs it on a connection that is not ours.
        heartbeat = setInterval(() => check(current), heartbeatMs);
        check(current);
      })
      .catch(() => lost(current));
  };

  const heard = (current: pg.Client) => {
    clearTimeout(staleTimer);
    staleTimer = undefined;
    if (!up && client === current && !closed) {
      up = true;
      handlers.onUp();
    }
  };

  // A NOTIFY on the channel, which this listener must hear back: a connection that silently
  // stopped answering (a cut network) or never hears its channel (a transaction pooler) is as
  // good as lost. After `staleAfterMs` without hearing one the subscription counts as down,
  // until one is heard again.
  const check = (current: pg.Client) => {
    staleTimer ??= setTimeout(down, staleAfterMs);
    if (sending) return; // one in flight at a time: a hung connection queues nothing more
    sending = true;
    beats += 1;
    current.query('SELECT pg_notify($1, $2)', [channel, `${ownBeat}${beats}`]).then(
      () => {
        sending = false;
      },
      () => {
        sending = false;
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
      clearTimeout(staleTimer);
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
