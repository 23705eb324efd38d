// The Database handle both kinds of database return, and what they share to build it.
import type { PrismaClient } from './generated/prisma/client';
import type { NotificationHandlers, PgListenerOptions, Subscription } from './notifications';

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** LISTENs on `channel` (see notifications.ts); close() ends every subscription first.
   * `options` tune PostgreSQL's dedicated connection (PGlite has none). */
  listen(
    channel: string,
    handlers: NotificationHandlers,
    options?: PgListenerOptions,
  ): Promise<Subscription>;
  close(): Promise<void>;
}

/** Keeps a database's subscriptions so that close() can end them before the connections. */
export function subscriptions() {
  const open = new Set<Subscription>();
  return {
    add(subscription: Subscription): Subscription {
      open.add(subscription);
      return {
        close: async () => {
          open.delete(subscription);
          await subscription.close();
        },
      };
    },
    async closeAll() {
      await Promise.all([...open].map((subscription) => subscription.close()));
      open.clear();
    },
  };
}

export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
