// The mixed runs: authenticated reads, REST then tRPC, while logins keep every bcrypt thread
// busy. The REST reads' p99 must stay under 50 ms (hashing runs on libuv's pool, never on the
// event loop), and tRPC reads keep at least 0.6× of tRPC's own trivial query measured alone:
// the two take turns, round after round (medians), so that both see the same machine.
import type { BenchContext } from '../bench-context';
import { median, type LoadResult } from '../load';
import type { BenchRow } from '../table';
import { readLoad } from '../wrk';
import { loginLoad } from './login';

const P99_GOAL_MS = 50;

/** Reads of `path` while logins run. */
function duringLogins(bench: BenchContext, path: string) {
  const { base, user } = bench.server;
  return Promise.all([
    readLoad({
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${user.access}` },
      connections: bench.connections,
      seconds: bench.seconds,
    }),
    loginLoad(bench, bench.seconds),
  ]);
}

export async function mixedRows(bench: BenchContext): Promise<BenchRow[]> {
  const [reads, logins] = await duringLogins(bench, '/api/profile/');
  const standaloneRounds: LoadResult[] = [];
  const trpcRounds: LoadResult[] = [];
  const trpcLoginRounds: LoadResult[] = [];
  for (let round = 0; round < bench.rounds; round++) {
    standaloneRounds.push(
      await readLoad({
        url: `${bench.standaloneUrl}ping`,
        connections: bench.connections,
        seconds: bench.seconds,
      }),
    );
    const [trpc, logins] = await duringLogins(bench, '/trpc/account.profile');
    trpcRounds.push(trpc);
    trpcLoginRounds.push(logins);
  }
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
    {
      key: 'mixed-standalone',
      label: "trivial tRPC query, tRPC's standalone",
      result: median(standaloneRounds),
      note: 'alone, taking turns with the next row',
    },
    {
      key: 'mixed-trpc-reads',
      label: 'mixed: tRPC account.profile',
      result: median(trpcRounds),
      ratios: [{ of: 'mixed-standalone', atLeast: 0.6 }],
      note: `${median(trpcLoginRounds).perSecond.toFixed(0)} logins/s at the same time`,
    },
  ];
}
