// Resident memory of the server process after the run (Linux: /proc/<pid>/status).
import { readFile } from 'node:fs/promises';
import type { BenchContext, ServerUnderTest } from '../bench-context';
import type { BenchRow } from '../table';

const GOAL_MB = 200;

export async function residentMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => null);
  const kb = status && /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

async function row(server: ServerUnderTest): Promise<BenchRow> {
  const mb = await residentMb(server.pid);
  return {
    key: `rss-${server.database}`,
    label: `server RSS after the bench (${server.database})`,
    note:
      mb === null
        ? 'not measured (no /proc)'
        : `${mb.toFixed(0)} MB (goal < ${String(GOAL_MB)} MB: ${mb < GOAL_MB ? 'met' : 'MISSED'}); ` +
          `${server.startRssMb?.toFixed(0) ?? '?'} MB once started`,
  };
}

export async function memoryRows(bench: BenchContext): Promise<BenchRow[]> {
  return Promise.all([bench.server, ...(bench.pglite ? [bench.pglite] : [])].map(row));
}
