// `tsx apps/server/bench/profile.ts`: a CPU profile of the compiled server (as `pnpm start` runs
// it; build it first) under load. Starts it under `node --cpu-prof` on PostgreSQL (DATABASE_URL,
// else a throwaway one), signs a user in, runs `wrk` on PROFILE_PATH (default /api/profile/,
// with the user's Bearer token; e.g. /trpc/account.profile or /trpc/system.ping) for
// PROFILE_SECONDS (default 12) over 50 connections, and prints where the main thread's time went:
// self time by category and the top functions. Needs `wrk` on the PATH.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { benchPostgres, signIn, startAppServer } from './server-process';
import { summarizeProfile, type CpuProfile } from './profile-summary';

const seconds = Number(process.env.PROFILE_SECONDS ?? 12);
const path = process.env.PROFILE_PATH ?? '/api/profile/';

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'otp-auth-profile-'));
  const smtp = await startSmtpCapture();
  const postgres = await benchPostgres();
  const app = await startAppServer({
    dataDir: dir,
    smtpPort: smtp.port,
    bcryptCost: 4,
    databaseUrl: postgres.url,
    logLevel: 'info',
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  try {
    const { access } = await signIn(app.base, smtp);
    const wrk = await promisify(execFile)('wrk', [
      '-t2',
      '-c50',
      `-d${String(seconds)}s`,
      '-H',
      `Authorization: Bearer ${access}`,
      `${app.base}${path}`,
    ]);
    console.log(wrk.stdout);
    await new Promise<void>((resolve) => {
      app.child.once('exit', () => resolve());
      app.child.kill('SIGTERM');
    });
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile written');
    // PROFILE_KEEP=<file> keeps the raw profile (for Chrome's DevTools or speedscope).
    if (process.env.PROFILE_KEEP) await copyFile(join(dir, file), process.env.PROFILE_KEEP);
    console.log(
      summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile),
    );
  } finally {
    if (app.child.exitCode === null) app.child.kill('SIGKILL');
    await smtp.close();
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
