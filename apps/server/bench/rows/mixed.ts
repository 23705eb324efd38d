// The mixed run: authenticated reads while logins keep every bcrypt thread busy. The reads'
// p99 must stay under 50 ms: hashing runs on libuv's pool, never on the event loop.
import type { BenchContext } from '../bench-context';
import type { BenchRow } from '../table';
import { readLoad } from '../wrk';
import { loginLoad } from './login';

const P99_GOAL_MS = 50;

export async function mixedRows(bench: BenchContext): Promise<BenchRow[]> {
  const { base, user } = bench.server;
  const [reads, logins] = await Promise.all([
    readLoad({
      url: `${base}/api/profile/`,
      headers: { authorization: `Bearer ${user.access}` },
      connections: bench.connections,
      seconds: bench.seconds,
    }),
    loginLoad(bench, bench.seconds),
  ]);
  const met = reads.p99Ms < P99_GOAL_MS ? 'met' : 'MISSED';
  return [
    {
      key: 'mixed-reads',
      label: 'mixed: REST profile reads',
      result: reads,
      ratios: [{ of: 'bare' }],
      note: `p99 goal < ${String(P99_GOAL_MS)} ms: ${met}`,
    },
    {
      key: 'mixed-logins',
      label: 'mixed: logins at the same time',
      result: logins,
      ratios: [{ of: 'bcrypt' }],
    },
  ];
}
