// Refresh: clients that each keep their own session and always present their newest refresh
// token, as a real client does (rotation and reuse detection stay on: a stale token would fail).
import type { BenchContext } from '../bench-context';
import { load, postJson } from '../load';
import type { BenchRow } from '../table';
import { trpc } from '../server-process';

export async function refreshRows(bench: BenchContext): Promise<BenchRow[]> {
  const { base, user } = bench.server;
  const newest: string[] = [];
  for (let i = 0; i < bench.connections; i++) {
    const pair = (await trpc(base, 'auth.login', {
      email: user.email,
      password: user.password,
    })) as { refresh: string };
    newest.push(pair.refresh);
  }
  // The original contract's path: what most clients of the REST API call every few minutes.
  const url = `${base}/api/token/refresh/`;
  const run = (seconds: number) =>
    load({
      connections: bench.connections,
      seconds,
      next: (lane) => postJson(url, { refresh: newest[lane] }),
      onAnswer: (lane, body) => {
        newest[lane] = (JSON.parse(body) as { refresh: string }).refresh;
      },
    });
  await run(1); // warm-up
  const result = await run(bench.seconds);
  return [
    {
      key: 'refresh',
      label: 'REST POST /api/token/refresh/',
      result,
      ratios: [{ of: 'bare', atLeast: 0.03 }],
      note: `${String(bench.connections)} clients, each rotating its own token`,
    },
  ];
}
