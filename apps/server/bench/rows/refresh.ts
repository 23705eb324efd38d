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
  const url = `${base}/trpc/auth.refresh`;
  const run = (seconds: number) =>
    load({
      connections: bench.connections,
      seconds,
      next: (lane) => postJson(url, { refresh: newest[lane] }),
      onAnswer: (lane, body) => {
        const reply = JSON.parse(body) as { result: { data: { refresh: string } } };
        newest[lane] = reply.result.data.refresh;
      },
    });
  await run(1); // warm-up
  const result = await run(bench.seconds);
  return [
    {
      key: 'refresh',
      label: 'tRPC auth.refresh (rotating)',
      result,
      ratios: [{ of: 'bare', atLeast: 0.03 }],
      note: `${String(bench.connections)} clients, each with its newest token`,
    },
  ];
}
