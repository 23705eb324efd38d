// Real server processes for the scale-out tests: `node --import tsx apps/server/src/main.ts`,
// each with its own port, sharing whatever DATABASE_URL and SMTP they are given.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@otp-auth/db';
import { emptyPostgresDatabase, postgresTestUrl } from '@otp-auth/db/testing';
import { repoRoot } from '../../src/config';

/** Secrets shared by every instance of one test, as a deployment would share them. */
export const sharedSecrets = () => ({
  JWT_SECRET: randomBytes(32).toString('hex'),
  OTP_SECRET: randomBytes(32).toString('hex'),
});

/** What every instance of one test shares: the secrets, the database and the captured mail. */
export const instanceEnv = (databaseUrl: string, smtpPort: number) => ({
  ...sharedSecrets(),
  DATABASE_URL: databaseUrl,
  EMAIL_HOST: '127.0.0.1',
  EMAIL_PORT: String(smtpPort),
});

/** A fresh, empty database on the test PostgreSQL; the instances migrate it as they start. */
export async function freshDatabase() {
  const created = await emptyPostgresDatabase(process.env.TEST_DATABASE_URL ?? postgresTestUrl());
  let db: Database | undefined;
  return {
    url: created.url,
    /** A connection of the test's own, opened once an instance has migrated the database. */
    async inspect(): Promise<Database> {
      db ??= await openDatabase({ url: created.url, migrate: false });
      return db;
    },
    async drop() {
      await db?.close();
      await created.drop();
    },
  };
}

/** A port that nothing listens on (free a moment ago). */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-instance-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      LOG_LEVEL: 'info',
      WEB_DIST: join(dataDir, 'no-web-build'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      void rm(dataDir, { recursive: true, force: true }).finally(() => resolve(code));
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in time:\n${output}`)), 60_000);
    const look = () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before listening:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
