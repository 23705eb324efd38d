import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@otp-auth/db/testing';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerApp } from '../start';
import { loadConfig } from '../config';
import { parseEnv } from '../env';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A server without SMTP settings, as `pnpm dev` or a careless production start would run. */
async function serverWithoutSmtp(nodeEnv: 'development' | 'production'): Promise<ServerApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-inbox-'));
  const config = await loadConfig(
    parseEnv({
      NODE_ENV: nodeEnv,
      PORT: '0',
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      MAIL_TO_LOG: 'true',
    }),
  );
  const app = await startServer(config, {
    db: await createTestDatabase(),
    log: pino({ level: 'silent' }),
  });
  cleanups.push(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return app;
}

describe('dev inbox', () => {
  it('lists the mails sent in development', async () => {
    const app = await serverWithoutSmtp('development');
    await fetch(`${app.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'inbox@example.com',
        username: 'inbox',
        phone_number: '1234567890',
        password: 'strongpassword123',
      }),
    });
    let mails: { to: string; subject: string; text: string }[] = [];
    for (let i = 0; i < 100 && mails.length === 0; i++) {
      const response = await fetch(`${app.url}/dev/inbox`);
      expect(response.status).toBe(200);
      mails = ((await response.json()) as { mails: typeof mails }).mails;
      if (mails.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(mails[0]?.to).toBe('inbox@example.com');
    expect(mails[0]?.text).toMatch(/\b\d{6}\b/);
  });

  it('is refused by a production server', async () => {
    const app = await serverWithoutSmtp('production');
    const response = await fetch(`${app.url}/dev/inbox`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not found.', code: 'not_found' });
  });
});
