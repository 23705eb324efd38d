// `pnpm bench`: requests/s of a bare node:http JSON server, of /healthz and of an authenticated
// tRPC call (account.profile), measured in one run on loopback, against the compiled server as
// `pnpm start` runs it, on PostgreSQL (DATABASE_URL, or a throwaway one from the machine's
// binaries). It also reports the server's start-up time to /readyz and its resident memory
// idle and after the load, then the known/unknown address timing ratios
// (bench/enumeration-timing.ts). A benchmark, not a test: it prints figures and asserts nothing.
// BENCH_SECONDS (default 5) per target, BENCH_CONNECTIONS (default 32), BENCH_LOG_LEVEL
// (default warn; "info" adds the request log).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { emptyPostgresDatabase } from '@otp-auth/db/testing';
import { repoRoot } from '../src/config';
import { formatTimingRatios, measureEnumerationTiming, timingEnv } from './enumeration-timing';
import { load, type LoadResult } from './load';
import { measureTokenCost, printTokenCost } from './token-cost';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

function startProcess(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<{ child: ChildProcess; match: RegExpExecArray }>((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)}:\n${output}`)));
  });
}

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

/** Resident memory of a process, from /proc (Linux). */
async function rssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The PostgreSQL server to bench on: DATABASE_URL's, or a throwaway one. */
function postgresServer(): { url: string; stop: () => void } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => undefined };
  const exports = execFileSync('bash', ['.ci/start-postgres.sh'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vars = Object.fromEntries(
    [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  return {
    url: vars.TEST_DATABASE_URL ?? '',
    stop: () =>
      execFileSync('bash', ['.ci/stop-postgres.sh', vars.OTP_AUTH_PG_DIR ?? ''], {
        cwd: repoRoot,
        stdio: 'ignore',
      }),
  };
}

async function trpc(base: string, procedure: string, input: unknown) {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown } };
  if (!res.ok || !body.result) throw new Error(`${procedure} answered ${String(res.status)}`);
  return body.result.data;
}

async function main() {
  // Measured first, while nothing else runs on the machine.
  const tokenCost = await measureTokenCost();
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-bench-'));
  const smtp = await startSmtpCapture();
  const postgres = postgresServer();
  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, drop: () => Promise.resolve() }
    : await emptyPostgresDatabase(postgres.url);
  const children: ChildProcess[] = [];
  try {
    const bare = await startProcess(['apps/server/bench/bare-server.ts'], {}, /listening (\d+)/);
    children.push(bare.child);
    const port = await freePort();
    // As `pnpm start` runs it (see package.json), built by `pnpm bench` just before.
    const started = performance.now();
    const app = spawn(process.execPath, ['--max-semi-space-size=1', 'apps/server/dist/main.js'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        WEB_DIST: join(dataDir, 'no-web-build'),
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        BCRYPT_COST: '10',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        EMAIL_HOST: '127.0.0.1',
        EMAIL_PORT: String(smtp.port),
        JWT_SECRET: randomBytes(32).toString('hex'),
        OTP_SECRET: randomBytes(32).toString('hex'),
        ...timingEnv,
        DATABASE_URL: database.url,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(app);
    const base = `http://127.0.0.1:${String(port)}`;
    await waitForReady(base);
    const startupMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleRss = await rssMb(app.pid);

    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    const password = randomBytes(12).toString('hex');
    await trpc(base, 'auth.register', {
      email,
      username: `bench_${randomBytes(4).toString('hex')}`,
      phone_number: '+15550001111',
      password,
    });
    await trpc(base, 'auth.verifyOtp', { email, otp: await smtp.codeFor(email) });
    const { access } = (await trpc(base, 'auth.login', { email, password })) as { access: string };

    const targets: [string, string, Record<string, string>][] = [
      ['bare node:http JSON', `http://127.0.0.1:${bare.match[1] ?? ''}/`, {}],
      ['GET /healthz', `${base}/healthz`, {}],
      [
        'tRPC account.profile (Bearer)',
        `${base}/trpc/account.profile`,
        { authorization: `Bearer ${access}` },
      ],
    ];
    const results: [string, LoadResult][] = [];
    for (const [name, url, headers] of targets) {
      await load({ url, headers, connections, seconds: 1 }); // warm-up
      results.push([name, await load({ url, headers, connections, seconds })]);
    }

    const loadedRss = await rssMb(app.pid);
    // V8 gives memory back once a process has been idle for a while: the figure that stays.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const settledRss = await rssMb(app.pid);

    const baseline = results[0]?.[1].perSecond ?? 1;
    console.log(
      `\nThe compiled server on PostgreSQL: ready (/readyz) ${startupMs.toFixed(0)} ms after ` +
        `its start (migrations included); resident memory ${idleRss.toFixed(0)} MB idle, ` +
        `${loadedRss.toFixed(0)} MB at the end of the load below, ${settledRss.toFixed(0)} MB ` +
        `15 s later (aims: 3000 ms, 120 MB idle, 200 MB after the load).`,
    );
    console.log(
      `\n${String(connections)} keep-alive connections, ${String(seconds)} s per target, loopback\n`,
    );
    console.log('target                           req/s     ratio   p50 ms   p99 ms  errors');
    for (const [name, r] of results) {
      console.log(
        `${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(7)}  ${(r.perSecond / baseline).toFixed(3).padStart(7)}  ` +
          `${r.p50Ms.toFixed(2).padStart(7)}  ${r.p99Ms.toFixed(2).padStart(7)}  ${String(r.errors).padStart(6)}`,
      );
    }
    console.log(
      '\nFor scale (docs: DESIGN.md, "Costs measured here"): tRPC 11 on Fastify alone ran at ' +
        '0.074× of bare node:http for a trivial procedure; account.profile adds a JWT check and ' +
        'one indexed session query.',
    );
    printTokenCost(tokenCost, results[2]?.[1].perSecond ?? 0);
    console.log(
      'The load generator runs in one Node process on the same machine: near the bare ' +
        "server's figure it measures the client as much as the server.",
    );
    const timing = await measureEnumerationTiming({ base, codeFor: (to) => smtp.codeFor(to) });
    console.log(`\n${formatTimingRatios(timing)}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await smtp.close();
    await database.drop();
    postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
