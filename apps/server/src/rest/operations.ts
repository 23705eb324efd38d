import { appRouter } from '@otp-auth/api';
import type { OpenApiMeta, OpenApiMethod } from 'trpc-to-openapi';

/** One REST operation, read from a procedure's `openapi` meta: the procedures stay the only
 * implementation, and this table is all the REST adapter knows about them. */
export interface RestOperation {
  method: OpenApiMethod;
  /** The path as the contract writes it (with its trailing slash). */
  path: string;
  /** The procedure's dotted path, e.g. `auth.login`. */
  procedure: string;
  successStatus: number;
  /** Whether a JSON body is read at all (procedures without `.input()` take none). */
  takesInput: boolean;
  /** From the meta key `download`: the answer is sent as an attachment with this file name. */
  download?: { filename: string } | undefined;
}

interface ProcedureDef {
  _def: { meta?: OpenApiMeta; inputs: unknown[] };
}

/** `/api/login/` and `/api/login` are the same operation. */
export function normalizePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function readOperations(): RestOperation[] {
  // At run time `_def.procedures` is flat, keyed by dotted path; its declared type is nested.
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  const operations: RestOperation[] = [];
  for (const [procedure, { _def }] of Object.entries(procedures)) {
    const openapi = _def.meta?.openapi;
    if (!openapi || openapi.enabled === false) continue;
    const successStatus = _def.meta?.successStatus;
    const download = _def.meta?.download as { filename: string } | undefined;
    operations.push({
      method: openapi.method,
      path: openapi.path,
      procedure,
      successStatus: typeof successStatus === 'number' ? successStatus : 200,
      takesInput: _def.inputs.length > 0,
      download,
    });
  }
  return operations;
}

export const restOperations: readonly RestOperation[] = readOperations();

/** Normalized path → method → operation. */
export const operationsByPath: ReadonlyMap<string, ReadonlyMap<string, RestOperation>> = (() => {
  const byPath = new Map<string, Map<string, RestOperation>>();
  for (const operation of restOperations) {
    const key = normalizePath(operation.path);
    const methods = byPath.get(key) ?? new Map<string, RestOperation>();
    methods.set(operation.method, operation);
    byPath.set(key, methods);
  }
  return byPath;
})();
