import type { Database } from '@otp-auth/db';
import { migrationStatus } from '@otp-auth/db';
import { pathOf, type Route } from './request-handler';
import { sendJson } from './respond';

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export function createHealthRoute(db: Database): Route {
  return async (req, res) => {
    const path = pathOf(req);
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (path !== '/readyz') return false;
    try {
      const status = await migrationStatus(db);
      const ready = status.pending.length === 0;
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'migrations pending',
        database: db.kind,
      });
    } catch {
      sendJson(res, 503, { status: 'database unreachable', database: db.kind });
    }
    return true;
  };
}
