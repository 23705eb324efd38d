// Start-up time and resident memory of each server (Linux: /proc/<pid>/status): once started,
// idle 15 s later, at the end of the load, and 15 s after it (V8 gives memory back once a
// process has been idle).
import { readFile } from 'node:fs/promises';
import type { BenchContext, ServerUnderTest } from '../bench-context';
import type { BenchRow } from '../table';

const GOAL_MB = 200;
const IDLE_GOAL_MB = 120;
const SETTLE_MS = 15_000;

export async function residentMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => null);
  const kb = status && /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

const mb = (value: number | null) => (value === null ? '?' : value.toFixed(0));

/** The goals are for a server on PostgreSQL: PGlite's figures include the database's own. */
function goal(server: ServerUnderTest, value: number | null, limitMb: number): string {
  if (value === null || server.database !== 'PostgreSQL') return '';
  return ` (goal < ${String(limitMb)} MB: ${value < limitMb ? 'met' : 'MISSED'})`;
}

function row(server: ServerUnderTest, loaded: number | null, settled: number | null): BenchRow {
  const idle = server.idleRssMb ?? null;
  return {
    key: `rss-${server.database}`,
    label: `server RSS, ${server.database}`,
    note:
      `${mb(loaded)} MB after the load${goal(server, loaded, GOAL_MB)}; ` +
      `${mb(server.startRssMb)} MB once started, ` +
      `${mb(idle)} MB idle 15 s later${goal(server, idle, IDLE_GOAL_MB)}, ` +
      `${mb(settled)} MB 15 s after the load; ready ${server.startupMs.toFixed(0)} ms after start`,
  };
}

export async function recordIdleMemory(servers: ServerUnderTest[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  for (const server of servers) server.idleRssMb = await residentMb(server.pid);
}

export async function memoryRows(bench: BenchContext): Promise<BenchRow[]> {
  const servers = [bench.server, ...(bench.pglite ? [bench.pglite] : [])];
  const loaded = await Promise.all(servers.map((server) => residentMb(server.pid)));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = await Promise.all(servers.map((server) => residentMb(server.pid)));
  return servers.map((server, i) => row(server, loaded[i] ?? null, settled[i] ?? null));
}
