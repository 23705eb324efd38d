// Reads: the bare node:http baseline, the smallest tRPC query, /healthz, and the authenticated
// read on both transports (REST GET /api/profile/ and tRPC account.profile).
import type { BenchContext } from '../bench-context';
import type { BenchRow } from '../table';
import { readLoad } from '../wrk';

async function measureRead(bench: BenchContext, url: string, headers: Record<string, string> = {}) {
  const options = { url, headers, connections: bench.connections };
  await readLoad({ ...options, seconds: 2 }); // warm-up: JIT, caches, connections
  return readLoad({ ...options, seconds: bench.seconds });
}

export async function readRows(bench: BenchContext): Promise<BenchRow[]> {
  const { base, user } = bench.server;
  const bearer = { authorization: `Bearer ${user.access}` };
  const bare = await measureRead(bench, bench.bareUrl);
  const ping = await measureRead(bench, `${base}/trpc/system.ping`);
  const health = await measureRead(bench, `${base}/healthz`);
  const rest = await measureRead(bench, `${base}/api/profile/`, bearer);
  const trpc = await measureRead(bench, `${base}/trpc/account.profile`, bearer);
  const db = bench.server.database;
  return [
    { key: 'bare', label: 'bare node:http JSON', result: bare, note: `load: ${bare.tool}` },
    {
      key: 'ping',
      label: 'tRPC system.ping (trivial)',
      result: ping,
      ratios: [{ of: 'bare' }],
    },
    { key: 'healthz', label: 'GET /healthz', result: health, ratios: [{ of: 'bare' }] },
    {
      key: 'rest-profile',
      label: `REST GET /api/profile/ (${db})`,
      result: rest,
      ratios: [{ of: 'bare', atLeast: 0.15 }],
    },
    {
      key: 'trpc-profile',
      label: `tRPC account.profile (${db})`,
      result: trpc,
      ratios: [{ of: 'ping', atLeast: 0.6 }, { of: 'bare' }],
    },
  ];
}

/** The REST profile on the embedded PGlite server. */
export async function pgliteReadRows(bench: BenchContext): Promise<BenchRow[]> {
  if (!bench.pglite) return [];
  const { base, user } = bench.pglite;
  const rest = await measureRead(bench, `${base}/api/profile/`, {
    authorization: `Bearer ${user.access}`,
  });
  return [
    {
      key: 'pglite-rest-profile',
      label: 'REST GET /api/profile/ (PGlite)',
      result: rest,
      ratios: [{ of: 'bare', atLeast: 0.1 }],
    },
  ];
}
