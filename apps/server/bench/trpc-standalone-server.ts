// The tRPC reference: the smallest query served by tRPC's own standalone adapter (node:http, no
// framework, no context, no middleware), in a process of its own. What tRPC itself costs a call,
// against which `pnpm bench` measures our tRPC edge.
import { initTRPC } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import type { AddressInfo } from 'node:net';

const t = initTRPC.create();
const pong = { status: 'ok' };
const router = t.router({ ping: t.procedure.query(() => pong) });

const server = createHTTPServer({ router });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${String((server.address() as AddressInfo).port)}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
