// `pnpm bench`: requests/s of a bare node:http JSON server, of /healthz and of an authenticated
// tRPC call (account.profile), measured in one run on loopback. A benchmark, not a test: it
// prints figures and ratios and asserts nothing. Then the known/unknown address timing ratios
// (bench/enumeration-timing.ts). BENCH_SECONDS (default 5) per target,
// BENCH_CONNECTIONS (default 32), BENCH_LOG_LEVEL (default warn; "info" adds the request log).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '@otp-auth/auth/testing';
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
  const children: ChildProcess[] = [];
  try {
    const bare = await startProcess(['apps/server/bench/bare-server.ts'], {}, /listening (\d+)/);
    children.push(bare.child);
    const port = await freePort();
    const app = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
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
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(app);
    const base = `http://127.0.0.1:${String(port)}`;
    await waitForReady(base);

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

    const baseline = results[0]?.[1].perSecond ?? 1;
    console.log(
      `\n${String(connections)} keep-alive connections, ${String(seconds)} s per target, loopback, ` +
        `database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}\n`,
    );
    console.log('target                           req/s     ratio   p50 ms   p99 ms  errors');
    for (const [name, r] of results) {
      console.log(
        `${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(7)}  ${(r.perSecond / baseline).toFixed(3).padStart(7)}  ` +
          `${r.p50Ms.toFixed(2).padStart(7)}  ${r.p99Ms.toFixed(2).padStart(7)}  ${String(r.errors).padStart(6)}`,
      );
    }
    console.log(
      '\nFor scale (docs: DESIGN.md, "Costs measured here"): tRPC 11\'s standalone adapter alone ' +
        'ran at 0.065× of bare node:http for a trivial procedure; account.profile adds a JWT ' +
        'check and one indexed session query.',
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
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
