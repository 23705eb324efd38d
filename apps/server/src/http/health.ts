import type { Database } from '@otp-auth/db';
import { migrationStatus } from '@otp-auth/db';
import type { FastifyPluginCallback } from 'fastify';
import { sendJson } from './json-reply';

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export const healthPlugin: FastifyPluginCallback<{ db: Database; migrationsDir: string }> = (
  app,
  { db, migrationsDir },
  done,
) => {
  app.get('/healthz', (_request, reply) => sendJson(reply, 200, { status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await migrationStatus(db, { migrationsDir }).then(
      (status) => (status.pending.length === 0 ? 'ready' : 'migrations pending'),
      () => 'database unreachable',
    );
    return sendJson(reply, ready === 'ready' ? 200 : 503, { status: ready, database: db.kind });
  });
  done();
};
