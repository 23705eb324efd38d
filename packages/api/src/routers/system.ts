import { pingOutput, type PingOutput } from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc';

const pong: PingOutput = { status: 'ok' };

export const systemRouter = {
  // The smallest procedure: what tRPC and our plumbing cost with no work at all (`pnpm bench`
  // measures the authenticated read against it).
  ping: publicProcedure
    .meta({
      openapi: {
        operationId: 'system.ping',
        method: 'GET',
        path: '/api/ping/',
        tags: ['system'],
        summary: 'Answer "ok"',
      },
    })
    .output(pingOutput)
    .query(() => pong),
} satisfies TRPCRouterRecord;
