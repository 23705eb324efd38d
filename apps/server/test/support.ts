import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { createTestDatabase, type Database, type TestDatabaseKind } from '@otp-auth/db/testing';
import pino from 'pino';
import { startServer } from '../src/start';
import { loadConfig } from '../src/config';
import { parseEnv } from '../src/env';

/** The real server on a free port of 127.0.0.1, a fresh database (or `options.db`, closed with
 * the server), mail to a real SMTP server. The fresh database is PGlite unless TEST_DATABASE_URL
 * is set, or `options.database` names its kind (for a test that must hold on both). */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { db?: Database; database?: TestDatabaseKind } = {},
) {
  const smtp = await startSmtpCapture();
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-server-'));
  const config = await loadConfig(
    parseEnv({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(smtp.port),
      EMAIL_USE_TLS: 'False',
      LOG_LEVEL: 'silent',
      // Functional tests run unthrottled; the hostile suite turns limits on with small budgets.
      RATE_LIMITS: 'off',
      // Webhook receivers in tests listen on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      ...env,
    }),
  );
  const db = options.db ?? (await createTestDatabase(options.database));
  const app = await startServer(config, { db, log: pino({ level: 'silent' }) });
  return {
    app,
    url: app.url,
    smtp,
    async close() {
      await app.close();
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
