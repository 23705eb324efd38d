// The server the e2e tests drive: the compiled one (`node apps/server/dist/main.js`, no tsx, no
// TypeScript in its process), on PostgreSQL, mail to a real SMTP server on 127.0.0.1.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { openDatabase } from '@otp-auth/db';
import { emptyPostgresDatabase } from '@otp-auth/db/testing';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const serverMain = join(repoRoot, 'apps/server/dist/main.js');
const run = promisify(execFile);

export async function startCompiledServer(env: Record<string, string>) {
  if (!existsSync(serverMain))
    throw new Error('Build the server first: pnpm --filter @otp-auth/server build');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set (see e2e/support/global-setup.ts)');
  const database = await emptyPostgresDatabase(serverUrl);
  const smtp = await startSmtpCapture();
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-e2e-'));
  const serverEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    OTP_SECRET: randomBytes(32).toString('hex'),
    BCRYPT_COST: '4',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(smtp.port),
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'info',
    ...env,
  };
  const child = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in time:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  // What `ps` shows for it: plain node on JavaScript, no TypeScript loader.
  const commandLine = await readFile(`/proc/${String(child.pid)}/cmdline`, 'utf8').catch(() => '');
  if (/tsx|\.ts\b/.test(commandLine)) throw new Error(`the server runs TypeScript: ${commandLine}`);
  // The test's own connection, to look at what the server wrote.
  const db = await openDatabase({ url: database.url, migrate: false });
  return {
    url,
    smtp,
    app: { db, pid: child.pid },
    /** The compiled admin CLI (what a release's `npm run admin:grant -- EMAIL` runs), on this
     * server's database and settings; resolves with what it printed. */
    async adminCli(action: 'grant' | 'revoke', email: string): Promise<string> {
      const script = join(repoRoot, 'apps/server/dist/admin-role.js');
      const { stdout } = await run(process.execPath, [script, action, email], {
        cwd: repoRoot,
        env: serverEnv,
      });
      return stdout;
    },
    async close() {
      child.kill('SIGTERM');
      await exited;
      await db.close();
      await smtp.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startCompiledServer>>;
