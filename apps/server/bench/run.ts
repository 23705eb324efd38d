// `pnpm bench`: one table of requests/s, latencies and ratios, all measured in one run on
// loopback (absolute figures drift on a shared machine; ratios measured together do not), against
// the compiled server as `pnpm start` runs it (`pnpm bench` builds it first). A benchmark, not a
// test: it prints and asserts nothing. On PostgreSQL (DATABASE_URL, else a throwaway one from
// .ci/start-postgres.sh), plus the REST profile on the embedded PGlite.
// BENCH_SECONDS (default 5) per target and round, BENCH_ROUNDS (default 3) interleaved rounds of
// the reads, BENCH_CONNECTIONS (default 50), BENCH_LOG_LEVEL (default info: the production
// request log is part of the cost), BENCH_BCRYPT_COST (default 10). BENCH_ROWS (e.g.
// `reads,mixed`) measures only the named producers, for a quicker look at a few rows.
//
// Rows come from the producers below, in order; each may state ratios against earlier rows. Add
// a measurement by adding a module to rows/ and its producer to the list.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import type { BenchContext, ServerUnderTest } from './bench-context';
import { enumerationTimingRows } from './rows/enumeration-timing';
import { loginRows } from './rows/login';
import { memoryRows, recordIdleMemory, residentMb } from './rows/memory';
import { mixedRows } from './rows/mixed';
import { pgliteReadRows, readRows } from './rows/reads';
import { refreshRows } from './rows/refresh';
import { tokenCostRows } from './rows/token-cost';
import { benchPostgres, signIn, startAppServer, startNodeProcess } from './server-process';
import { formatTable, type BenchRow } from './table';
import { wrkAvailable } from './wrk';

/** A producer sees the context and the rows measured before it. */
export type RowProducer = (bench: BenchContext, rows: readonly BenchRow[]) => Promise<BenchRow[]>;

const rowProducers: Record<string, RowProducer> = {
  reads: readRows,
  tokens: tokenCostRows,
  login: loginRows,
  refresh: refreshRows,
  mixed: mixedRows,
  timing: enumerationTimingRows,
  pglite: pgliteReadRows,
  memory: memoryRows,
};

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const bcryptCost = Number(process.env.BENCH_BCRYPT_COST ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = process.env.BENCH_ROWS?.split(',').map((name) => name.trim());
const producers = Object.entries(rowProducers).filter(([name]) => !only || only.includes(name));

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'otp-auth-bench-'));
  const smtp = await startSmtpCapture();
  const postgres = await benchPostgres();
  const children: ChildProcess[] = [];
  try {
    const bare = await startNodeProcess(
      ['apps/server/bench/bare-server.ts'],
      {},
      /listening (\d+)/,
    );
    children.push(bare.child);
    const standalone = await startNodeProcess(
      ['apps/server/bench/trpc-standalone-server.ts'],
      {},
      /listening (\d+)/,
    );
    children.push(standalone.child);
    const serve = async (database: ServerUnderTest['database']): Promise<ServerUnderTest> => {
      const app = await startAppServer({
        dataDir: join(dataDir, database),
        smtpPort: smtp.port,
        bcryptCost,
        logLevel,
        ...(database === 'PostgreSQL' ? { databaseUrl: postgres.url } : {}),
      });
      children.push(app.child);
      const pid = app.child.pid ?? 0;
      const user = await signIn(app.base, smtp);
      const startRssMb = await residentMb(pid);
      return { base: app.base, pid, database, user, startupMs: app.startupMs, startRssMb };
    };
    const bench: BenchContext = {
      bareUrl: `http://127.0.0.1:${bare.match[1] ?? ''}/`,
      standaloneUrl: `http://127.0.0.1:${standalone.match[1] ?? ''}/`,
      server: await serve('PostgreSQL'),
      ...(producers.some(([name]) => name === 'pglite') ? { pglite: await serve('PGlite') } : {}),
      smtp,
      seconds,
      rounds,
      connections,
      bcryptCost,
    };
    if (producers.some(([name]) => name === 'memory')) {
      await recordIdleMemory([bench.server, ...(bench.pglite ? [bench.pglite] : [])]);
    }
    const rows: BenchRow[] = [];
    for (const [, produce] of producers) rows.push(...(await produce(bench, rows)));

    console.log(
      `\n${String(connections)} keep-alive connections, ${String(seconds)} s per target, loopback; ` +
        `reads loaded by ${(await wrkAvailable()) ? 'wrk' : 'a Node client (install wrk for better figures)'}; ` +
        `request log at "${logLevel}"; rate limits off.\n`,
    );
    console.log(formatTable(rows));
    console.log(
      '\nThe load generator shares the machine with the servers: near the bare server it measures ' +
        'the client as much as the server.',
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await smtp.close();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
