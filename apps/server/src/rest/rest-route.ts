import {
  appRouter,
  bearerToken,
  createCallerFactory,
  createContextInner,
  normalizePath,
  restOperations,
  type ApiDeps,
  type RestOperation,
} from '@otp-auth/api';
import { TRPCError } from '@trpc/server';
import type { FastifyError, FastifyPluginCallback, FastifyRequest } from 'fastify';
import { handleEdgeError } from '../http/edge-errors';
import { refuseOtherMethods, sendJson } from '../http/json-reply';
import { acceptAnyBody, readJsonBody } from './json-body';
import { RestError } from './rest-error';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;
type ProcedureCall = (input?: unknown) => Promise<unknown>;

/** The caller's function for a dotted procedure path such as `auth.login`. */
function procedureOf(caller: Caller, path: string): ProcedureCall {
  let node: unknown = caller;
  for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
  return node as ProcedureCall;
}

/** Operations grouped by path (with and without a trailing slash are one path). */
function byPath(operations: readonly RestOperation[]): Map<string, RestOperation[]> {
  const groups = new Map<string, RestOperation[]>();
  for (const operation of operations) {
    const key = normalizePath(operation.path);
    groups.set(key, [...(groups.get(key) ?? []), operation]);
  }
  return groups;
}

/** The original REST contract under /api/, served by calling the same tRPC procedures, one
 * Fastify route per operation; two methods on one path (GET and PATCH) are two routes. */
export const restPlugin: FastifyPluginCallback<{
  deps: ApiDeps;
  /** The router's table; a test may give its own. */
  operations?: readonly RestOperation[];
}> = (app, { deps, operations: table = restOperations }, done) => {
  acceptAnyBody(app);

  async function run(request: FastifyRequest, operation: RestOperation): Promise<unknown> {
    const input = operation.takesInput ? readJsonBody(request) : undefined;
    const ctx = createContextInner(deps, {
      ip: request.clientIp,
      userAgent: request.headers['user-agent'],
      requestId: request.id,
      accessToken: bearerToken(request.headers.authorization),
    });
    try {
      return await procedureOf(createCaller(ctx), operation.procedure)(input);
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        request.log.error(
          { err: error.cause ?? error, path: operation.procedure },
          'procedure failed',
        );
      }
      throw RestError.fromTrpc(error);
    }
  }

  for (const [path, operations] of byPath(table)) {
    const url = operations[0]?.path ?? path;
    for (const operation of operations) {
      app.route({
        method: operation.method,
        url,
        handler: async (request, reply) =>
          sendJson(
            reply,
            operation.successStatus,
            await run(request, operation),
            operation.headers,
          ),
      });
    }
    refuseOtherMethods(
      app,
      url,
      operations.map((operation) => operation.method),
    );
  }

  app.setErrorHandler((error: FastifyError, request, reply) =>
    error instanceof RestError ? error.send(reply) : handleEdgeError(error, request, reply),
  );
  done();
};
