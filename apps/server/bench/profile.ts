// `tsx apps/server/bench/profile.ts`: a CPU profile of the server under load on GET /api/profile/.
// Starts the server under `node --cpu-prof` (PostgreSQL from DATABASE_URL, else PGlite), signs a
// user in, runs `wrk` (PROFILE_SECONDS, default 12; 50 connections) and prints where the main
// thread's time went: self time by category and the top functions. Needs `wrk` on the PATH.
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { repoRoot } from '../src/config';
import { freePort, signIn, waitForReady } from './server-process';
import { summarizeProfile, type CpuProfile } from './profile-summary';

const seconds = Number(process.env.PROFILE_SECONDS ?? 12);

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'otp-auth-profile-'));
  const smtp = await startSmtpCapture();
  const port = await freePort();
  const app = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dir,
        WEB_DIST: join(dir, 'no-web-build'),
        LOG_LEVEL: 'info',
        RATE_LIMITS: 'off',
        BCRYPT_COST: '4',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        JWT_SECRET: randomBytes(32).toString('hex'),
        OTP_SECRET: randomBytes(32).toString('hex'),
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const base = `http://127.0.0.1:${String(port)}`;
    await waitForReady(base);
    const { access } = await signIn(base, smtp);
    const wrk = await promisify(execFile)('wrk', [
      '-t2',
      '-c50',
      `-d${String(seconds)}s`,
      '-H',
      `Authorization: Bearer ${access}`,
      `${base}/api/profile/`,
    ]);
    console.log(wrk.stdout);
    await new Promise<void>((resolve) => {
      app.once('exit', () => resolve());
      app.kill('SIGTERM');
    });
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile written');
    console.log(
      summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile),
    );
  } finally {
    if (app.exitCode === null) app.kill('SIGKILL');
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
