import type { Database } from '@otp-auth/db';
import { migrationStatus } from '@otp-auth/db';
import type { FastifyPluginCallback } from 'fastify';
import { sendJson } from './errors';

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export const healthPlugin: FastifyPluginCallback<{ db: Database; migrationsDir: string }> = (
  app,
  { db, migrationsDir },
  done,
) => {
  app.get('/healthz', (_request, reply) => sendJson(reply, 200, { status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      const status = await migrationStatus(db, { migrationsDir });
      const ready = status.pending.length === 0;
      return sendJson(reply, ready ? 200 : 503, {
        status: ready ? 'ready' : 'migrations pending',
        database: db.kind,
      });
    } catch {
      return sendJson(reply, 503, { status: 'database unreachable', database: db.kind });
    }
  });
  done();
};
