import {
  appRouter,
  bearerToken,
  createCallerFactory,
  createContextInner,
  type ApiDeps,
} from '@otp-auth/api';
import { TRPCError } from '@trpc/server';
import { pathOf, type Route } from '../http/request-handler';
import { sendJson } from '../http/respond';
import { clientMeta, MAX_BODY_BYTES } from '../http/trpc-route';
import type { Logger } from '../logger';
import { readJsonBody } from './json-body';
import { normalizePath, operationsByPath, type RestOperation } from './operations';
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

/** The original REST contract under /api/, served by calling the same tRPC procedures. */
export function createRestRoute(deps: ApiDeps, log: Logger): Route {
  async function run(req: Parameters<Route>[0], operation: RestOperation) {
    const input = operation.takesInput ? await readJsonBody(req, MAX_BODY_BYTES) : undefined;
    const ctx = createContextInner(deps, {
      ...clientMeta(req),
      accessToken: bearerToken(req.headers.authorization),
    });
    try {
      return await procedureOf(createCaller(ctx), operation.procedure)(input);
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error({ err: error.cause ?? error, path: operation.procedure }, 'procedure failed');
      }
      throw RestError.fromTrpc(error);
    }
  }

  return async (req, res) => {
    const path = pathOf(req);
    if (path !== '/api' && !path.startsWith('/api/')) return false;
    const methods = operationsByPath.get(normalizePath(path));
    if (!methods) {
      RestError.of(404, 'not_found', 'Not found.').send(res);
      return true;
    }
    const allow = [...methods.keys(), ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'];
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (method === 'OPTIONS') {
      res.writeHead(204, { allow: allow.join(', ') }).end();
      return true;
    }
    const operation = methods.get(method);
    if (!operation) {
      const detail = `Method "${req.method ?? ''}" not allowed.`;
      RestError.of(405, 'method_not_allowed', detail, { allow: allow.join(', ') }).send(res);
      return true;
    }
    try {
      const body = await run(req, operation);
      const attachment: Record<string, string> = operation.download
        ? { 'content-disposition': `attachment; filename="${operation.download.filename}"` }
        : {};
      sendJson(res, operation.successStatus, body, attachment);
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      error.send(res);
    }
    return true;
  };
}
