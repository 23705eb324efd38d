// Reads: the bare node:http baseline, the smallest tRPC query on tRPC's own standalone adapter
// (what tRPC itself costs), ours, /healthz, and the authenticated read on both transports (REST
// GET /api/profile/ and tRPC account.profile). Each target is measured in several rounds, the
// targets taking turns, and each row gives the medians: a neighbour's burst of work on a shared
// machine then lands in one round of every target rather than in all rounds of one.
import type { BenchContext } from '../bench-context';
import { median, type LoadResult } from '../load';
import type { BenchRow } from '../table';
import { readLoad } from '../wrk';

interface Target {
  url: string;
  headers?: Record<string, string>;
}

const WARM_UP_SECONDS = 2; // JIT, caches, connections

/** Every target warmed up, then measured `bench.rounds` times in turn; the medians. */
async function interleaved<K extends string>(
  bench: BenchContext,
  targets: Record<K, Target>,
): Promise<Record<K, LoadResult & { tool: string }>> {
  const keys = Object.keys(targets) as K[];
  const run = (key: K, seconds: number) =>
    readLoad({ ...targets[key], connections: bench.connections, seconds });
  for (const key of keys) await run(key, WARM_UP_SECONDS);
  const rounds = new Map<K, LoadResult[]>(keys.map((key) => [key, []]));
  let tool = 'node';
  for (let round = 0; round < bench.rounds; round++) {
    for (const key of keys) {
      const result = await run(key, bench.seconds);
      tool = result.tool;
      rounds.get(key)?.push(result);
    }
  }
  return Object.fromEntries(
    keys.map((key) => [key, { ...median(rounds.get(key) ?? []), tool }]),
  ) as Record<K, LoadResult & { tool: string }>;
}

export async function readRows(bench: BenchContext): Promise<BenchRow[]> {
  const { base, user } = bench.server;
  const headers = { authorization: `Bearer ${user.access}` };
  const measured = await interleaved(bench, {
    bare: { url: bench.bareUrl },
    standalone: { url: `${bench.standaloneUrl}ping` },
    ping: { url: `${base}/trpc/system.ping` },
    health: { url: `${base}/healthz` },
    rest: { url: `${base}/api/profile/`, headers },
    trpc: { url: `${base}/trpc/account.profile`, headers },
  });
  const db = bench.server.database;
  return [
    {
      key: 'bare',
      label: 'bare node:http JSON',
      result: measured.bare,
      note: `load: ${measured.bare.tool}; medians of ${String(bench.rounds)} interleaved rounds`,
    },
    {
      key: 'standalone',
      label: "trivial tRPC query, tRPC's standalone",
      result: measured.standalone,
      ratios: [{ of: 'bare' }],
    },
    {
      key: 'ping',
      label: 'tRPC system.ping (ours)',
      result: measured.ping,
      ratios: [{ of: 'standalone', atLeast: 0.9 }, { of: 'bare' }],
    },
    { key: 'healthz', label: 'GET /healthz', result: measured.health, ratios: [{ of: 'bare' }] },
    {
      key: 'rest-profile',
      label: `REST GET /api/profile/ (${db})`,
      result: measured.rest,
      ratios: [{ of: 'bare', atLeast: 0.2 }],
    },
    {
      key: 'trpc-profile',
      label: `tRPC account.profile (${db})`,
      result: measured.trpc,
      ratios: [{ of: 'standalone', atLeast: 0.8 }, { of: 'ping' }, { of: 'bare' }],
    },
  ];
}

/** The REST profile on the embedded PGlite server. */
export async function pgliteReadRows(bench: BenchContext): Promise<BenchRow[]> {
  if (!bench.pglite) return [];
  const { base, user } = bench.pglite;
  const measured = await interleaved(bench, {
    rest: { url: `${base}/api/profile/`, headers: { authorization: `Bearer ${user.access}` } },
  });
  return [
    {
      key: 'pglite-rest-profile',
      label: 'REST GET /api/profile/ (PGlite)',
      result: measured.rest,
      ratios: [{ of: 'bare', atLeast: 0.1 }],
    },
  ];
}
