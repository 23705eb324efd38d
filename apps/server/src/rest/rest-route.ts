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
import type {
  FastifyError,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
} from 'fastify';
import { browserBindingFor } from '../http/browser-binding';
import { handleEdgeError, sendJson } from '../http/errors';
import { acceptAnyBody, readJsonBody } from './json-body';
import { RestError } from './rest-error';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;
type ProcedureCall = (input?: unknown) => Promise<unknown>;

/** Every method a REST path answers: its operations', 405 for the rest, 204 for OPTIONS. */
const everyMethod: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The caller's function for a dotted procedure path such as `auth.login`. */
function procedureOf(caller: Caller, path: string): ProcedureCall {
  let node: unknown = caller;
  for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
  return node as ProcedureCall;
}

/** `/api/admin/users/{user_id}/` as Fastify writes it: `/api/admin/users/:user_id/`. */
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A procedure's input from the request: the JSON body, the declared query parameters and the
 * path parameters, in that order of precedence (a body cannot name another path's id). A body
 * that is not an object goes to the schema as it is, which refuses it. */
function inputOf(request: FastifyRequest, operation: RestOperation): unknown {
  const { takesInput, queryParams, pathParams } = operation;
  if (!takesInput && queryParams.length === 0 && pathParams.length === 0) return undefined;
  const body = takesInput ? readJsonBody(request) : {};
  if (!isObject(body)) return body;
  const query = isObject(request.query) ? request.query : {};
  const params = isObject(request.params) ? request.params : {};
  const pick = (source: Record<string, unknown>, names: string[]) =>
    Object.fromEntries(names.filter((name) => name in source).map((name) => [name, source[name]]));
  return { ...body, ...pick(query, queryParams), ...pick(params, pathParams) };
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
  /** Cookie settings (`Secure` in production), for the one REST cookie: linking's binding. */
  cookie?: { secure: boolean };
  /** The router's table; a test may give its own. */
  operations?: readonly RestOperation[];
}> = (app, { deps, cookie, operations: table = restOperations }, done) => {
  acceptAnyBody(app);

  async function run(
    request: FastifyRequest,
    reply: FastifyReply,
    operation: RestOperation,
  ): Promise<unknown> {
    const input = inputOf(request, operation);
    const ctx = createContextInner(deps, {
      ip: request.clientIp,
      userAgent: request.headers['user-agent'],
      requestId: request.id,
      accessToken: bearerToken(request.headers.authorization),
      browserBinding: cookie && browserBindingFor(request, reply, cookie),
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
    const url = fastifyPath(operations[0]?.path ?? path);
    const methods = operations.map((operation) => operation.method);
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    for (const operation of operations) {
      app.route({
        method: operation.method,
        url,
        handler: async (request, reply) =>
          sendJson(
            reply,
            operation.successStatus,
            await run(request, reply, operation),
            operation.headers,
          ),
      });
    }
    app.route({
      method: everyMethod.filter(
        (method) => !allow.split(', ').includes(method) || method === 'OPTIONS',
      ),
      url,
      handler: (request, reply) => {
        if (request.method === 'OPTIONS') return reply.code(204).header('allow', allow).send();
        const detail = `Method "${request.method}" not allowed.`;
        return RestError.of(405, 'method_not_allowed', detail, { allow }).send(reply);
      },
    });
  }

  app.setErrorHandler((error: FastifyError, request, reply) =>
    error instanceof RestError ? error.send(reply) : handleEdgeError(error, request, reply),
  );
  done();
};
