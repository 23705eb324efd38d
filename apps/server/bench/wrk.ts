// Reads under `wrk` (C, several threads): a Node load generator saturates before a bare
// node:http server does, so high request rates are measured with wrk when it is installed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { load, type LoadResult } from './load';

const run = promisify(execFile);

let available: Promise<boolean> | undefined;
export function wrkAvailable(): Promise<boolean> {
  available ??= run('wrk', ['--version']).then(
    () => true,
    // `wrk --version` prints its version and exits 1.
    (error: unknown) => {
      const stdout = (error as { stdout?: unknown }).stdout;
      return typeof stdout === 'string' && /^wrk /.test(stdout);
    },
  );
  return available;
}

function milliseconds(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  if (!match) return 0;
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(match[1]) * unit;
}

function parseWrk(output: string): LoadResult {
  const total = /(\d+) requests in ([\d.]+)(s|ms|m)/.exec(output);
  const requests = Number(total?.[1] ?? 0);
  const seconds = milliseconds(total ? `${total[2] ?? ''}${total[3] ?? ''}` : undefined) / 1000;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const ok = requests - non2xx;
  return {
    requests: ok,
    errors: non2xx + socketErrors,
    seconds,
    perSecond: seconds > 0 ? ok / seconds : 0,
    p50Ms: milliseconds(/\s50%\s+(\S+)/.exec(output)?.[1]),
    p99Ms: milliseconds(/\s99%\s+(\S+)/.exec(output)?.[1]),
  };
}

/** Requests made by a wrk Lua script (`script`), on one wrk thread so that the script's state
 * is one; `env` passes the script its inputs. */
export async function scriptedLoad(options: {
  url: string;
  script: string;
  env: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const { stdout } = await run(
    'wrk',
    [
      '-t1',
      `-c${String(options.connections)}`,
      `-d${String(options.seconds)}s`,
      '--latency',
      '-s',
      options.script,
      options.url,
    ],
    { env: { ...process.env, ...options.env } },
  );
  return parseWrk(stdout);
}

/** GET `url` for `seconds` over `connections` keep-alive connections: wrk if installed, else
 * the Node generator. */
export async function readLoad(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult & { tool: 'wrk' | 'node' }> {
  if (!(await wrkAvailable())) {
    const spec = { url: options.url, headers: options.headers };
    return { ...(await load({ ...options, next: () => spec })), tool: 'node' };
  }
  const headers = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const { stdout } = await run('wrk', [
    '-t2',
    `-c${String(options.connections)}`,
    `-d${String(options.seconds)}s`,
    '--latency',
    ...headers,
    options.url,
  ]);
  return { ...parseWrk(stdout), tool: 'wrk' };
}
