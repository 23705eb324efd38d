// Helpers shared by the bench and the profiler: processes, ports, readiness, a signed-in user.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SmtpCapture } from '@otp-auth/auth/testing';
import { repoRoot } from '../src/config';
import { timingEnv } from './enumeration-timing';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${base}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become ready');
}

export async function trpc(base: string, procedure: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown } };
  if (!res.ok || !body.result) throw new Error(`${procedure} answered ${String(res.status)}`);
  return body.result.data;
}

export interface SignedIn {
  email: string;
  password: string;
  access: string;
  refresh: string;
}

/** Registers, verifies (the code from the captured mail) and logs in a fresh user. */
export async function signIn(base: string, smtp: SmtpCapture): Promise<SignedIn> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('hex');
  await trpc(base, 'auth.register', {
    email,
    username: `bench_${randomBytes(4).toString('hex')}`,
    phone_number: '+15550001111',
    password,
  });
  await trpc(base, 'auth.verifyOtp', { email, otp: await smtp.codeFor(email) });
  const pair = (await trpc(base, 'auth.login', { email, password })) as {
    access: string;
    refresh: string;
  };
  return { email, password, ...pair };
}

/** Runs a TypeScript entry point under Node (`--import tsx`) and waits for `ready` on stdout. */
export function startNodeProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        output = '';
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // keep draining what the process writes
        resolve({ child, match });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)}:\n${output}`)));
  });
}

/** The compiled server as `pnpm start` runs it, on a free loopback port. Its
 * log goes to `server.log` in `dataDir`, as to a log file in production: a pipe read by this
 * busy process would hold it back. */
export async function startAppServer(options: {
  dataDir: string;
  smtpPort: number;
  bcryptCost: number;
  databaseUrl?: string;
  logLevel: string;
  /** Node flags before the entry point (bench/runtime-settings.ts preloads its variants). */
  nodeFlags?: string[];
  env?: Record<string, string>;
}): Promise<{ base: string; child: ChildProcess; startupMs: number }> {
  const port = await freePort();
  await mkdir(options.dataDir, { recursive: true });
  const log = await open(join(options.dataDir, 'server.log'), 'w');
  // As `pnpm start` runs it (apps/server/package.json), built by `pnpm bench` just before.
  // BENCH_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`) profiles the server under load.
  const flags = [
    ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
    ...(options.nodeFlags ?? []),
  ];
  const child = spawn(process.execPath, [...flags, 'apps/server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      WEB_DIST: join(options.dataDir, 'no-web-build'),
      LOG_LEVEL: options.logLevel,
      BCRYPT_COST: String(options.bcryptCost),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(options.smtpPort),
      JWT_SECRET: randomBytes(32).toString('hex'),
      OTP_SECRET: randomBytes(32).toString('hex'),
      ...timingEnv, // RATE_LIMITS=off, no resend cooldown or hourly cap: every try does its work
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', log.fd, 'inherit'],
  });
  await log.close(); // the child holds its own copy of the descriptor
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the server exited with ${String(code)}`))),
  );
  const base = `http://127.0.0.1:${String(port)}`;
  const started = performance.now();
  await Promise.race([waitForReady(base), exited]);
  return { base, child, startupMs: performance.now() - started };
}

/** DATABASE_URL, or a throwaway PostgreSQL from .ci/start-postgres.sh (stopped by `stop`). */
export async function benchPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => Promise.resolve() };
  const { stdout } = await run('bash', [join(repoRoot, '.ci/start-postgres.sh')], {
    cwd: repoRoot,
  });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  const dir = /OTP_AUTH_PG_DIR=(\S+)/.exec(stdout)?.[1];
  if (!url || !dir) throw new Error(`start-postgres.sh said:\n${stdout}`);
  return {
    url,
    stop: async () => {
      await run('bash', [join(repoRoot, '.ci/stop-postgres.sh'), dir], { cwd: repoRoot });
    },
  };
}
