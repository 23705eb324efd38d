// Login against its ceiling: raw bcrypt compares at the server's cost and the same concurrency,
// in this process, and logins through the server, measured in alternating one-second slices so
// that both see the same machine (others' work on a shared machine comes and goes).
import bcrypt from 'bcrypt';
import type { BenchContext } from '../bench-context';
import { combine, load, postJson, summarize, type LoadResult } from '../load';
import type { BenchRow } from '../table';

/** Logins in flight at once: enough to keep every bcrypt thread of the server busy. */
const LOGIN_CONCURRENCY = 8;

/** The login path needs on the order of a thousand calls before V8 has optimised it (the reads
 * get tens of thousands in their warm-up). Measured with 1 s slices after 3 s of warm-up:
 * 0.89× the ceiling; after 15 s: 0.91×; after 30 s: 0.92×. */
const LOGIN_WARM_UP_SECONDS = 20;

async function bcryptCeiling(cost: number, seconds: number): Promise<LoadResult> {
  const password = 'a benchmark password';
  const hash = await bcrypt.hash(password, cost);
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      await bcrypt.compare(password, hash);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: LOGIN_CONCURRENCY }, lane));
  return summarize(latencies, 0, (performance.now() - started) / 1000);
}

export function loginLoad(bench: BenchContext, seconds: number): Promise<LoadResult> {
  const { base, user } = bench.server;
  const spec = postJson(`${base}/trpc/auth.login`, { email: user.email, password: user.password });
  return load({ connections: LOGIN_CONCURRENCY, seconds, next: () => spec });
}

export async function loginRows(bench: BenchContext): Promise<BenchRow[]> {
  await loginLoad(bench, LOGIN_WARM_UP_SECONDS);
  const ceilings: LoadResult[] = [];
  const logins: LoadResult[] = [];
  for (let slice = 0; slice < bench.seconds; slice++) {
    ceilings.push(await bcryptCeiling(bench.bcryptCost, 1));
    logins.push(await loginLoad(bench, 1));
  }
  const ceiling = combine(ceilings);
  const login = combine(logins);
  return [
    {
      key: 'bcrypt',
      label: `bcrypt compare, cost ${String(bench.bcryptCost)} (ceiling)`,
      result: ceiling,
      note: `${String(LOGIN_CONCURRENCY)} at once, in the bench process`,
    },
    {
      key: 'login',
      label: 'tRPC auth.login',
      result: login,
      ratios: [{ of: 'bcrypt', atLeast: 0.9 }],
    },
  ];
}
