// `pnpm --filter @otp-auth/server bench:runtime`: what each runtime setting of the server buys,
// each one turned off in turn, all measured in one run on loopback against the compiled server
// on PostgreSQL (ADR 112). The settings: the query compiler's baseline WebAssembly tier
// (`--liftoff-only`; off is QUERY_COMPILER_TIER=optimizing), the full collection after start-up,
// and the lower priority of the helper threads where bcrypt runs. The last two are turned off from
// outside, by a module preloaded into the server (bench/preload/), so the server has no switch
// for them. Prints a table; asserts nothing.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import type { BenchContext } from './bench-context';
import { loginLoad } from './rows/login';
import { residentMb } from './rows/memory';
import { benchPostgres, signIn, startAppServer } from './server-process';
import { readLoad } from './wrk';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const bcryptCost = Number(process.env.BENCH_BCRYPT_COST ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const IDLE_MS = 12_000;

interface Variant {
  name: string;
  nodeFlags?: string[];
  env?: Record<string, string>;
}

const preload = (file: string) => ['--import', join(import.meta.dirname, 'preload', file)];

const allVariants: Variant[] = [
  { name: 'as shipped' },
  { name: 'optimizing WebAssembly tier', env: { QUERY_COMPILER_TIER: 'optimizing' } },
  { name: 'no start-up collection', nodeFlags: preload('no-startup-gc.mjs') },
  { name: 'helper threads at normal priority', nodeFlags: preload('normal-priority.mjs') },
];

// One database for every variant, so one pair of secrets (the signing keys are sealed with one).
const secrets = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  OTP_SECRET: randomBytes(32).toString('hex'),
};

// BENCH_VARIANTS=1,4 measures only those (1-based, in the order above).
const chosen = process.env.BENCH_VARIANTS?.split(',').map(Number);
const variants = chosen ? allVariants.filter((_, i) => chosen.includes(i + 1)) : allVariants;

const mb = (value: number | null) => (value === null ? '?' : value.toFixed(0));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(variant: Variant, dataDir: string, databaseUrl: string) {
  const smtp = await startSmtpCapture();
  let child: ChildProcess | undefined;
  try {
    const app = await startAppServer({
      dataDir,
      smtpPort: smtp.port,
      bcryptCost,
      logLevel: 'info',
      databaseUrl,
      nodeFlags: variant.nodeFlags,
      env: { ...secrets, ...variant.env },
    });
    child = app.child;
    const pid = app.child.pid ?? 0;
    const started = await residentMb(pid);
    const user = await signIn(app.base, smtp);
    await sleep(IDLE_MS); // V8 shrinks its heap once the process has been idle a while
    const idle = await residentMb(pid);
    const read = {
      url: `${app.base}/api/profile/`,
      headers: { authorization: `Bearer ${user.access}` },
      connections,
    };
    await readLoad({ ...read, seconds: 2 }); // warm-up
    const reads = await readLoad({ ...read, seconds });
    const bench = { server: { base: app.base, user } } as BenchContext;
    await loginLoad(bench, 5); // warm-up of the login path
    const [mixedReads, mixedLogins] = await Promise.all([
      readLoad({ ...read, seconds }),
      loginLoad(bench, seconds),
    ]);
    const loaded = await residentMb(pid);
    return [
      variant.name.padEnd(34),
      mb(started).padStart(7),
      mb(idle).padStart(6),
      mb(loaded).padStart(7),
      reads.perSecond.toFixed(0).padStart(8),
      mixedReads.perSecond.toFixed(0).padStart(8),
      mixedReads.p99Ms.toFixed(1).padStart(8),
      mixedLogins.perSecond.toFixed(1).padStart(8),
    ].join(' ');
  } finally {
    child?.kill('SIGTERM');
    await smtp.close();
  }
}

async function main() {
  const postgres = await benchPostgres();
  const root = await mkdtemp(join(tmpdir(), 'otp-auth-bench-runtime-'));
  try {
    // Round after round, so that whatever else the machine does falls on every variant alike.
    const lines = [];
    for (let round = 1; round <= rounds; round++) {
      for (const [i, variant] of variants.entries()) {
        const line = await measure(
          variant,
          join(root, `${String(round)}-${String(i)}`),
          postgres.url,
        );
        lines.push(`${String(round)}  ${line}`);
      }
    }
    console.log(
      `${String(connections)} connections, ${String(seconds)} s per load, REST GET /api/profile/ on PostgreSQL; ` +
        `RSS in MB (idle: ${String(IDLE_MS / 1000)} s after start); mixed: reads while 8 logins run.\n`,
    );
    console.log(
      'round variant                         started   idle  loaded   reads/s  mixed/s  mix p99  logins/s',
    );
    console.log('-'.repeat(101));
    console.log(lines.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
    await postgres.stop();
  }
}

await main();
