import { Writable } from 'node:stream';
import { createTestDatabase } from '@otp-auth/db/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startServer } from './start';
import { loadConfig } from './config';
import { parseEnv } from './env';

describe('RATE_LIMITS=off', () => {
  it('ASVS 4.0.3 2.2.1: is announced in the log as a warning', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = await loadConfig(
      parseEnv({
        NODE_ENV: 'test',
        PORT: '0',
        RATE_LIMITS: 'off',
        JWT_SECRET: 'x'.repeat(32),
        OTP_SECRET: 'y'.repeat(32),
      }),
    );
    const app = await startServer(config, { db: await createTestDatabase(), log: pino(sink) });
    await app.close();
    const warning = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => /RATE_LIMITS=off/.test(entry.msg));
    expect(warning?.level).toBe(40); // pino's "warn"
  });
});
