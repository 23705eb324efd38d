// Refresh: clients that each keep their own session and always present their newest refresh
// token, as a real client does (rotation and reuse detection stay on: a stale token would fail).
// Loaded by wrk when installed, as the reads and the bare server are: a Node client here takes
// a fifth of a core from the server it measures.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../bench-context';
import { load, postJson, type LoadResult } from '../load';
import { trpc } from '../server-process';
import type { BenchRow } from '../table';
import { scriptedLoad, wrkAvailable } from '../wrk';

const chainsScript = fileURLToPath(new URL('../refresh-chains.lua', import.meta.url));

async function signInTimes(bench: BenchContext, times: number): Promise<string[]> {
  const { base, user } = bench.server;
  const tokens: string[] = [];
  for (let i = 0; i < times; i++) {
    const pair = (await trpc(base, 'auth.login', {
      email: user.email,
      password: user.password,
    })) as { refresh: string };
    tokens.push(pair.refresh);
  }
  return tokens;
}

export async function refreshRows(bench: BenchContext): Promise<BenchRow[]> {
  // The original contract's path: what most clients of the REST API call every few minutes.
  const url = `${bench.server.base}/api/token/refresh/`;
  // One chain more than connections: wrk asks for one request more than it has connections
  // before the first answer.
  const newest = await signInTimes(bench, bench.connections + 1);
  const withNode = (seconds: number) =>
    load({
      connections: bench.connections,
      seconds,
      next: (lane) => postJson(url, { refresh: newest[lane] }),
      onAnswer: (lane, body) => {
        newest[lane] = (JSON.parse(body) as { refresh: string }).refresh;
      },
    });
  await withNode(1); // warm-up
  let result: LoadResult;
  let tool = 'node';
  if (await wrkAvailable()) {
    const dir = await mkdtemp(join(tmpdir(), 'otp-auth-refresh-'));
    try {
      const tokensFile = join(dir, 'tokens');
      await writeFile(tokensFile, `${newest.join('\n')}\n`);
      result = await scriptedLoad({
        url,
        script: chainsScript,
        env: { TOKENS_FILE: tokensFile },
        connections: bench.connections,
        seconds: bench.seconds,
      });
      tool = 'wrk';
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } else {
    result = await withNode(bench.seconds);
  }
  return [
    {
      key: 'refresh',
      label: 'REST POST /api/token/refresh/',
      result,
      ratios: [{ of: 'bare', atLeast: 0.03 }],
      note: `${String(bench.connections)} clients, each rotating its own token; load: ${tool}`,
    },
  ];
}
